package dev.jwrap.proxy.guard;

import dev.jwrap.core.Decision;
import dev.jwrap.host.access.Arrival;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.LogStyle;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ShellCommands;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The life of one accepted connection after admission, on its own virtual thread: the access
 * check (options, log line and event included), then relaying to the backend, or tcpd's treatment
 * of a refused client — the banner has already gone out with the options, a {@code twist} command
 * takes over the socket. {@code ended} runs once when the connection is over: at the end of
 * {@link #serve} unless the relay took the connection over, then when its last direction ends.
 */
final class GuardedConnection {

    private final Route route;
    private final Link link;
    private final Arrival arrival;
    private final Parts parts;
    private final Runnable ended;

    /** What every connection of a guard shares. */
    record Parts(ConnectionGate gate, ShellCommands shell, Relay relay, Syslog log) {}

    /** @param arrival the connection as {@link #arrival} described it at accept */
    GuardedConnection(Route route, Link link, Arrival arrival, Parts parts, Runnable ended) {
        this.route = route;
        this.link = link;
        this.arrival = arrival;
        this.parts = parts;
        this.ended = ended;
    }

    /** Serves the connection; {@code ended} has run or will run when the relay ends, exceptions or not. */
    void serve(Limits limits) throws IOException {
        boolean relaying = false;
        try {
            relaying = check(limits);
        } finally {
            if (!relaying) {
                ended.run();
            }
        }
    }

    /** @return whether the relay took the connection over (and with it the {@code ended} callback) */
    private boolean check(Limits limits) throws IOException {
        SocketChannel client = link.client();
        Syslog log = parts.log().withIdent(route.daemon());
        ConnectionEffects effects = new ConnectionEffects(client, parts.shell(), log);
        Decision decision = parts.gate().decide(arrival.checkedAs(route.daemon(), LogStyle.tcpd()), effects);
        switch (decision.verdict()) {
            case GRANTED -> {
                return relay(client, limits, log);
            }
            case DELEGATED -> parts.shell().start(decision.twistCommand(), client, effects.environment(), status -> { }, log);
            case DENIED -> {
                // refused: the banner (if any) was written by the options; closing is all that is left
            }
        }
        return false;
    }

    /** The connection as events and metrics name it: service = the route's daemon. */
    static Arrival arrival(Route route, SocketChannel client) throws IOException {
        return new Arrival(route.daemon(), Transport.TCP, (InetSocketAddress) client.getRemoteAddress(),
                (InetSocketAddress) client.getLocalAddress());
    }

    private boolean relay(SocketChannel client, Limits limits, Syslog log) throws IOException {
        SocketChannel backend = Families.socketFor(route.backend());
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
            return false;
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
        parts.relay().run(link, client, backend, () -> {
            parts.gate().metrics().closed(route.daemon());
            ended.run();
        });
        return true;
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
