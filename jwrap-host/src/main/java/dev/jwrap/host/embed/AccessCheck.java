package dev.jwrap.host.embed;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.match.ExpansionTooLongException;
import dev.jwrap.host.log.Syslog;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * The one place an embedded check decides and logs: the request, the decision with the options
 * collected, and tcpd's log line for the verdict. Thread-safe.
 */
final class AccessCheck {

    private final Supplier<AccessPolicy> policy;
    private final LookupServices services;
    private final String daemon;
    private final Syslog log;

    AccessCheck(Supplier<AccessPolicy> policy, LookupServices services, String daemon, Syslog log) {
        this.policy = policy;
        this.services = services;
        this.daemon = daemon;
        this.log = log;
    }

    Admission admit(InetSocketAddress client, InetSocketAddress server) {
        AccessRequest request = AccessRequest.builder()
                .daemon(daemon)
                .client(client)
                .server(server)
                .services(services)
                .diagnostics(d -> log.warning(d.toSyslogText()))
                .build();
        CollectingEffects effects = new CollectingEffects(log);
        Decision decision;
        try {
            decision = policy.get().decide(request, effects);
        } catch (ExpansionTooLongException e) {
            log.error(daemon + ": " + e.getMessage());
            return Admission.failed();
        }
        String line = request.clientInfo() + " (" + request.client().address() + ")";
        switch (decision.verdict()) {
            case GRANTED -> log.log(decision.allowPriority(), "connect from " + line);
            case DENIED -> log.log(decision.denyPriority(), "refused connect from " + line);
            case DELEGATED -> log.log(decision.denyPriority(), "twist " + request.clientInfo() + " to "
                    + decision.twistCommand());
        }
        return effects.admission(decision.isGranted(), decision);
    }
}
