package dev.jwrap.host.access;

import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.match.HostEndpoint;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one connection (or one checked datagram) at a jwrap server's access point.
 * Immutable.
 *
 * @param time when it was decided
 * @param server the kind of server: {@code inetd}, {@code tcpd}, {@code guard}, {@code netty}
 * @param service the service as the server names it (inetd: {@code service/proto} of the line)
 * @param daemon the daemon name the tables were checked with; empty when the connection was not checked
 * @param transport tcp or udp
 * @param client the client's address and port
 * @param local the server's address and port the client reached
 * @param clientInfo the client as libwrap writes it in log lines ({@code user@host}, host or address)
 * @param outcome what became of the connection
 * @param rule the deciding rule as {@code file:line}; empty when no rule matched or no check was made
 * @param priority the syslog priority of the connection's log line (the rule's {@code severity} applies)
 * @param detail a short reason: the twist command, the limit hit, the failure; empty when none
 */
public record ConnectionEvent(
        Instant time,
        String server,
        String service,
        Optional<String> daemon,
        Transport transport,
        InetSocketAddress client,
        InetSocketAddress local,
        String clientInfo,
        Outcome outcome,
        Optional<String> rule,
        SyslogPriority priority,
        String detail) {

    public ConnectionEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(clientInfo, "clientInfo");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(detail, "detail");
    }

    /** The client's numeric address as libwrap and glibc write it ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
    public String clientAddress() {
        return addressText(client);
    }

    /** The server's numeric address, written as {@link #clientAddress()} is. */
    public String localAddress() {
        return addressText(local);
    }

    static String addressText(InetSocketAddress address) {
        return HostEndpoint.ofSocketWithoutName(address).address();
    }

    /** What became of a connection. */
    public enum Outcome {
        /** Let in: the tables granted it, or the service is not checked. */
        ALLOWED,
        /** Turned away by the tables (or by an option error, which denies as tcpd does). */
        DENIED,
        /** A {@code twist} rule replaced the service by a shell command. */
        TWISTED,
        /** Dropped by one of the server's own limits before any check. */
        LIMITED,
        /** Let in, but the service could not be started (reported after an ALLOWED event). */
        FAILED;

        /** The lower-case name used in metrics labels and JSON. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The transport protocol of a connection. */
    public enum Transport {
        TCP,
        UDP;

        /** {@code tcp} or {@code udp}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
