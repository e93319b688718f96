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
        return switch (attempt.style()) {
            case LogStyle.Tcpd() -> "connect from " + clientInfo + " (" + clientAddress + ")";
            case LogStyle.Inetd(String service, String protocol) -> "connection from " + clientInfo + ", service "
                    + service + " (" + protocol + ")";
        };
    }

    void writeTo(Syslog log) {
        log.log(priority, text);
    }
}
