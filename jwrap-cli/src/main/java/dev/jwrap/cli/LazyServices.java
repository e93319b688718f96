package dev.jwrap.cli;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.resolve.IdentClient;
import dev.jwrap.core.resolve.Rfc1413IdentClient;
import dev.jwrap.core.resolve.SystemHostResolver;
import dev.jwrap.core.resolve.SystemUserDatabase;
import dev.jwrap.core.resolve.UserDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The system lookup services, each created on its first use: most connections a wrapper checks
 * need no name, no ident query and no user, and binding the C library's resolver and user
 * functions is start-up time the wrapper (or {@code jwrap match}, whose answer often needs no name)
 * would spend for nothing. Thread-safe.
 */
final class LazyServices {

    private LazyServices() {}

    /** glibc's resolver (bounded by timeouts), RFC 1413 ident and the system user database, each created when first asked. */
    static LookupServices system() {
        Supplier<HostResolver> resolver = once(SystemHostResolver::new);
        Supplier<IdentClient> ident = once(Rfc1413IdentClient::new);
        Supplier<UserDatabase> users = once(SystemUserDatabase::new);
        return new LookupServices(new HostResolver() {
            @Override
            public Optional<String> reverse(InetAddress address) {
                return resolver.get().reverse(address);
            }

            @Override
            public Optional<ForwardLookup> forward(String host, Family family) {
                return resolver.get().forward(host, family);
            }

            @Override
            public boolean inNetgroup(String group, String host) {
                return resolver.get().inNetgroup(group, host);
            }

            @Override
            public boolean netgroupHasEntries(String group) {
                return resolver.get().netgroupHasEntries(group);
            }
        }, (InetSocketAddress client, InetSocketAddress server, Duration timeout) ->
                ident.get().lookup(client, server, timeout), new UserDatabase() {
            @Override
            public Optional<User> user(String name) {
                return users.get().user(name);
            }

            @Override
            public Optional<Group> group(String name) {
                return users.get().group(name);
            }
        });
    }

    private static <T> Supplier<T> once(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }
}
