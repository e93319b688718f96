package dev.jwrap.proxy.guard;

import dev.jwrap.host.process.ShellCommands;
import dev.jwrap.core.Decision;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import dev.jwrap.host.access.Arrival;
import dev.jwrap.host.access.LogStyle;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The life of one accepted connection after admission, on its own virtual thread: the access
 * check (options, log line and event included), then relaying to the backend, or tcpd's treatment
 * of a refused client — the banner has already gone out with the options, a {@code twist} command
 * takes over the socket. The caller closes the link afterwards in every case.
 */
final class GuardedConnection {

    private final Route route;
    private final Link link;
    private final Parts parts;

    /** What every connection of a guard shares. */
    record Parts(ConnectionGate gate, ShellCommands shell, Relay relay, Syslog log) {}

    GuardedConnection(Route route, Link link, Parts parts) {
        this.route = route;
        this.link = link;
        this.parts = parts;
    }

    void serve(Limits limits) throws IOException {
        SocketChannel client = link.client();
        Syslog log = parts.log().withIdent(route.daemon());
        Arrival arrival = arrival(route, client);
        ConnectionEffects effects = new ConnectionEffects(client, parts.shell(), log);
        Decision decision = parts.gate().decide(arrival.checkedAs(route.daemon(), LogStyle.tcpd()), effects);
        switch (decision.verdict()) {
            case GRANTED -> relay(client, arrival, limits, log);
            case DELEGATED -> parts.shell().start(decision.twistCommand(), client, effects.environment(), status -> { }, log);
            case DENIED -> {
                // refused: the banner (if any) was written by the options; closing is all that is left
            }
        }
    }

    /** The connection as events and metrics name it: service = the route's daemon. */
    static Arrival arrival(Route route, SocketChannel client) throws IOException {
        return new Arrival(route.daemon(), Transport.TCP, (InetSocketAddress) client.getRemoteAddress(),
                (InetSocketAddress) client.getLocalAddress());
    }

    private void relay(SocketChannel client, Arrival arrival, Limits limits, Syslog log) throws IOException {
        SocketChannel backend = SocketChannel.open();
        link.backend(backend);
        try {
            backend.socket().connect(route.backend(), (int) Math.min(Integer.MAX_VALUE,
                    limits.connectTimeout().toMillis()));
        } catch (IOException e) {
            if (!link.isClosed()) {
                String detail = "cannot connect to " + HostPort.format(route.backend()) + ": " + reason(e);
                log.error(detail + " (client " + arrival.client().getAddress().getHostAddress() + ")");
                parts.gate().failed(arrival, detail);
            }
            return;
        }
        // relayed bytes must not wait for Nagle: the endpoints chose their own write sizes
        backend.setOption(StandardSocketOptions.TCP_NODELAY, true);
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (route.proxy() != ProxyProtocol.NONE) {
            ByteBuffer header = ProxyHeader.encode(route.proxy(), arrival.client(), arrival.local());
            while (header.hasRemaining()) {
                backend.write(header);
            }
        }
        parts.gate().metrics().opened(route.daemon());
        try {
            parts.relay().run(link, client, backend);
        } finally {
            parts.gate().metrics().closed(route.daemon());
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
