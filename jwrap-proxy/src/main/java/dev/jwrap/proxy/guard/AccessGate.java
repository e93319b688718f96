package dev.jwrap.proxy.guard;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.Verdict;
import dev.jwrap.core.match.ExpansionTooLongException;
import dev.jwrap.host.log.Syslog;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * The access check of one connection and its tcpd log line ({@code connect from C (A)},
 * {@code refused connect from C (A)}, {@code twist C to CMD}), under the route's daemon name.
 * Thread-safe.
 */
final class AccessGate {

    private final Supplier<AccessPolicy> policy;
    private final LookupServices services;
    private final GuardLogs logs;

    AccessGate(Supplier<AccessPolicy> policy, LookupServices services, GuardLogs logs) {
        this.policy = policy;
        this.services = services;
        this.logs = logs;
    }

    /** Decides and logs; the rule's options run through {@code effects}. An expansion overflow denies. */
    Decision decide(String daemon, InetSocketAddress client, InetSocketAddress server, OptionEffects effects) {
        Syslog log = logs.daemons().apply(daemon);
        AccessRequest request = AccessRequest.builder()
                .daemon(daemon)
                .client(client)
                .server(server)
                .services(services)
                .diagnostics(d -> log.warning(d.toSyslogText()))
                .build();
        Decision decision;
        try {
            decision = policy.get().decide(request, effects);
        } catch (ExpansionTooLongException e) {
            log.error(daemon + ": " + e.getMessage());
            return new Decision(Verdict.DENIED, null, List.of(), SyslogPriority.DEFAULT_ALLOW,
                    SyslogPriority.DEFAULT_DENY, null, e.getMessage());
        }
        String who = request.clientInfo() + " (" + client.getAddress().getHostAddress() + ")";
        switch (decision.verdict()) {
            case GRANTED -> log.log(decision.allowPriority(), "connect from " + who);
            case DENIED -> log.log(decision.denyPriority(), "refused connect from " + who);
            case DELEGATED -> log.log(decision.denyPriority(),
                    "twist " + request.clientInfo() + " to " + decision.twistCommand());
        }
        return decision;
    }
}
