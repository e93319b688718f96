package dev.jwrap.core.match;

import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.policy.ClientPattern;
import dev.jwrap.core.policy.DaemonPattern;
import dev.jwrap.core.policy.HostView;
import dev.jwrap.core.policy.Rule;

/**
 * Decides whether one rule's daemon and client lists match a request, lazily and in libwrap's
 * order (the client list only after the daemon list matched; a user name only after its host
 * part matched), so that name and ident lookups happen exactly when libwrap would do them.
 */
public final class RuleMatcher {

    private final AccessRequest request;
    private final HostView client;
    private final HostView server;

    public RuleMatcher(AccessRequest request) {
        this.request = request;
        this.client = new View(request, true);
        this.server = new View(request, false);
    }

    public boolean matches(Rule rule) {
        return daemonsMatch(rule) && clientsMatch(rule);
    }

    public boolean daemonsMatch(Rule rule) {
        return rule.daemons().matches(this::daemonMatches);
    }

    public boolean clientsMatch(Rule rule) {
        return rule.clients().matches(this::clientMatches);
    }

    public boolean daemonMatches(DaemonPattern p) {
        boolean daemon = p.port() >= 0
                ? request.server().socketAddress().map(a -> a.getPort() == p.port()).orElse(false)
                : p.name().matches(request.daemon());
        return daemon && (p.host() == null || p.host().matches(server));
    }

    public boolean clientMatches(ClientPattern p) {
        return p.host().matches(client) && (p.user() == null || p.user().matches(request.user()));
    }

    /** One endpoint of the request as host patterns see it. */
    private record View(AccessRequest request, boolean isClient) implements HostView {
        @Override
        public String address() {
            return (isClient ? request.client() : request.server()).address();
        }

        @Override
        public String name() {
            return isClient ? request.clientName() : request.serverName();
        }

        @Override
        public boolean inNetgroup(String group, String host) {
            return request.services().resolver().inNetgroup(group, host);
        }
    }
}
