package dev.jwrap.core;

import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.resolve.IdentClient;
import dev.jwrap.core.resolve.UserDatabase;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The outside services an access check may consult: the name service, the ident protocol and the
 * user database. Injected, so tests and tools decide what a check may touch.
 */
public record LookupServices(HostResolver resolver, IdentClient ident, UserDatabase users) {

    public LookupServices {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(ident, "ident");
        Objects.requireNonNull(users, "users");
    }

    /** A resolver that knows no names, an ident client that asks no one, an empty user database. */
    public static final LookupServices OFFLINE = new LookupServices(
            new HostResolver() {
                @Override
                public Optional<String> reverse(InetAddress address) {
                    return Optional.empty();
                }

                @Override
                public Optional<ForwardLookup> forward(String host, Family family) {
                    return Optional.empty();
                }

                @Override
                public boolean inNetgroup(String group, String host) {
                    return false;
                }
            },
            IdentClient.NONE,
            new UserDatabase() {
                @Override
                public Optional<User> user(String name) {
                    return Optional.empty();
                }

                @Override
                public Optional<Group> group(String name) {
                    return Optional.empty();
                }
            });

}
