package dev.jwrap.cli;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.resolve.IdentClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** Creates the lookup services the commands use. */
final class Services {

    private Services() {}

    /** The system's resolver, ident client and user database. */
    static LookupServices system() {
        // TODO(resolve): switch to the FFM SystemHostResolver / SystemUserDatabase when they land
        HostResolver jdk = new HostResolver() {
            @Override
            public Optional<String> reverse(InetAddress address) {
                String n = address.getCanonicalHostName();
                return n.equals(address.getHostAddress()) ? Optional.empty() : Optional.of(n);
            }

            @Override
            public Optional<ForwardLookup> forward(String host, Family family) {
                try {
                    return Optional.of(new ForwardLookup(host, List.of(InetAddress.getAllByName(host))));
                } catch (UnknownHostException e) {
                    return Optional.empty();
                }
            }

            @Override
            public boolean inNetgroup(String group, String host) {
                return false;
            }
        };
        return new LookupServices(jdk, IdentClient.NONE, LookupServices.OFFLINE.users());
    }

}
