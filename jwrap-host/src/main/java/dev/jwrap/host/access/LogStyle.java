package dev.jwrap.host.access;

import java.util.Objects;

/**
 * Whose log lines a checked connection gets. Both are written at the priorities of the deciding
 * rule (daemon.info when allowed, daemon.warning when refused, unless {@code severity} says
 * otherwise).
 */
public sealed interface LogStyle {

    /**
     * tcpd's lines, {@code connect from C (A)} and {@code refused connect from C (A)}, logged under
     * the daemon's name as syslog ident, as tcpd's {@code openlog(daemon)} does.
     */
    record Tcpd() implements LogStyle {}

    /**
     * openbsd-inetd {@code -l}'s lines, {@code connection from C, service S (P)} and
     * {@code refused connection from C, service S (P)}, under the server's own ident.
     *
     * @param service the service as inetd names it (the local port's /etc/services name, else the number)
     * @param protocol the protocol token of the inetd.conf line, e.g. {@code tcp6}
     */
    record Inetd(String service, String protocol) implements LogStyle {
        public Inetd {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** tcpd's style. */
    static LogStyle tcpd() {
        return new Tcpd();
    }
}
