package dev.jwrap.host.access;

import dev.jwrap.host.access.ConnectionEvent.Transport;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A connection (or datagram) that reached a server, before anything was decided about it.
 *
 * @param service the service as the server names it, for events and metrics
 * @param transport tcp or udp
 * @param client the client's address and port
 * @param local the address and port the client reached
 */
public record Arrival(String service, Transport transport, InetSocketAddress client, InetSocketAddress local) {

    public Arrival {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(local, "local");
    }

    /** This arrival, to be checked against the tables as {@code daemon} and logged in {@code style}. */
    public AccessAttempt checkedAs(String daemon, LogStyle style) {
        return new AccessAttempt(this, daemon, style);
    }
}
