package dev.jwrap.host.access;

import dev.jwrap.core.Decision;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.host.log.Syslog;

/**
 * The text line of one verdict, worded as tcpd (hosts_access.md §6) or openbsd-inetd -l
 * (inetd.md §5) words it, with the priority it is logged at.
 */
record VerdictLine(SyslogPriority priority, String text) {

    /**
     * @param clientAddress the client's numeric address as libwrap writes it ({@code ::1},
     *     {@code ::ffff:127.0.0.1}, {@code unknown})
     */
    static VerdictLine of(AccessAttempt attempt, String clientInfo, String clientAddress, Decision decision) {
        return switch (decision.verdict()) {
            case GRANTED -> new VerdictLine(decision.allowPriority(), connectFrom(attempt, clientInfo, clientAddress));
            case DENIED -> new VerdictLine(decision.denyPriority(),
                    "refused " + connectFrom(attempt, clientInfo, clientAddress));
            case DELEGATED -> new VerdictLine(decision.denyPriority(),
                    "twist " + clientInfo + " to " + decision.twistCommand());
        };
    }

    /** The line of a granted connection; a refusal is the same line after "refused ". */
    private static String connectFrom(AccessAttempt attempt, String clientInfo, String clientAddress) {
        // instanceof, not a pattern switch, whose bootstrap generates a class no AOT cache keeps (jwrap
        // tcpd's start-up, docs/PERFORMANCE.md §9)
        if (attempt.style() instanceof LogStyle.Inetd(String service, String protocol)) {
            return "connection from " + clientInfo + ", service " + service + " (" + protocol + ")";
        }
        return "connect from " + clientInfo + " (" + clientAddress + ")"; // LogStyle.Tcpd
    }

    void writeTo(Syslog log) {
        log.log(priority, text);
    }
}
