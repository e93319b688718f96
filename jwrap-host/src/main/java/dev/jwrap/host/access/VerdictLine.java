package dev.jwrap.host.access;

import dev.jwrap.core.Decision;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.host.log.Syslog;

/**
 * The text line of one verdict, worded as tcpd (hosts_access.md §6) or openbsd-inetd -l
 * (inetd.md §5) words it, with the priority it is logged at.
 */
record VerdictLine(SyslogPriority priority, String text) {

    static VerdictLine of(AccessAttempt attempt, String clientInfo, Decision decision) {
        return switch (decision.verdict()) {
            case GRANTED -> new VerdictLine(decision.allowPriority(), connectFrom(attempt, clientInfo));
            case DENIED -> new VerdictLine(decision.denyPriority(), "refused " + connectFrom(attempt, clientInfo));
            case DELEGATED -> new VerdictLine(decision.denyPriority(),
                    "twist " + clientInfo + " to " + decision.twistCommand());
        };
    }

    /** The line of a granted connection; a refusal is the same line after "refused ". */
    private static String connectFrom(AccessAttempt attempt, String clientInfo) {
        return switch (attempt.style()) {
            case LogStyle.Tcpd() -> "connect from " + clientInfo + " ("
                    + HostEndpoint.ofSocket(attempt.arrival().client()).address() + ")"; // %a: ::1, not 0:0:..:1
            case LogStyle.Inetd(String service, String protocol) -> "connection from " + clientInfo + ", service "
                    + service + " (" + protocol + ")";
        };
    }

    void writeTo(Syslog log) {
        log.log(priority, text);
    }
}
