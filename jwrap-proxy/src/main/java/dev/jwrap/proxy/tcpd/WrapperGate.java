package dev.jwrap.proxy.tcpd;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.match.ExpansionTooLongException;
import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.host.log.Syslog;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * tcpd's access check and its log lines (hosts_access.md §6 steps 7–8): {@code connect from C (A)}
 * at the allow priority, {@code refused connect from C (A)} or {@code twist C to CMD} at the deny
 * priority, libwrap's warnings at warning and option errors at err. The one place that decides,
 * so it can give way to a shared gate. Used by the wrapper's one thread.
 */
final class WrapperGate {

    private final AccessPolicy policy;
    private final LookupServices services;
    private final Syslog log;

    WrapperGate(AccessPolicy policy, LookupServices services, Syslog log) {
        this.policy = policy;
        this.services = services;
        this.log = log;
    }

    /** A decision and the request it was made for (whose %c the log line used). */
    record Outcome(Decision decision, AccessRequest request) {}

    /**
     * Decides for {@code daemon} and logs the verdict line.
     *
     * @param client the client, or null when its address could not be found
     * @param server the local end, or null
     * @return the outcome, or empty when a %-expansion overflowed (tcpd then logs that and gives up
     *     without a verdict line)
     */
    Optional<Outcome> decide(String daemon, InetSocketAddress client, InetSocketAddress server, boolean datagram,
            OptionEffects effects) {
        AccessRequest request = AccessRequest.builder()
                .daemon(daemon)
                .client(client == null ? HostEndpoint.unknown() : HostEndpoint.ofSocket(client))
                .server(server == null ? HostEndpoint.unknown() : HostEndpoint.ofSocket(server))
                .datagram(datagram)
                .services(services)
                .diagnostics(d -> report(log, d))
                .build();
        Decision decision;
        try {
            decision = policy.decide(request, effects);
        } catch (ExpansionTooLongException e) {
            log.warning("warning: " + e.getMessage());
            return Optional.empty();
        }
        String line = request.clientInfo() + " (" + request.client().address() + ")";
        switch (decision.verdict()) {
            case GRANTED -> log.log(decision.allowPriority(), "connect from " + line);
            case DENIED -> log.log(decision.denyPriority(), "refused connect from " + line);
            case DELEGATED -> log.log(decision.denyPriority(),
                    "twist " + request.clientInfo() + " to " + decision.twistCommand());
        }
        return Optional.of(new Outcome(decision, request));
    }

    /** libwrap: tcpd_warn at LOG_WARNING, tcpd_jump (option errors) at LOG_ERR. */
    static void report(Syslog log, Diagnostic d) {
        switch (d.severity()) {
            case ERROR -> log.error(d.toSyslogText());
            case WARNING -> log.warning(d.toSyslogText());
            case DEBUG -> log.info(d.toSyslogText());
        }
    }
}
