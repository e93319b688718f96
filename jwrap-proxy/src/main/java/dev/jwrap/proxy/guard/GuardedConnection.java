package dev.jwrap.proxy.guard;

import dev.jwrap.core.Decision;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The life of one accepted connection after admission, on its own virtual thread: the access
 * check (options and log line included), then relaying to the backend, or tcpd's treatment of a
 * refused client — the banner has already gone out with the options, a {@code twist} command
 * takes over the socket. The caller closes the link afterwards in every case.
 */
final class GuardedConnection {

    private final Route route;
    private final Link link;
    private final Parts parts;

    /** What every connection of a guard shares. */
    record Parts(AccessGate gate, ShellCommands shell, Relay relay, GuardLogs logs) {}

    GuardedConnection(Route route, Link link, Parts parts) {
        this.route = route;
        this.link = link;
        this.parts = parts;
    }

    void serve(Limits limits) throws IOException {
        SocketChannel client = link.client();
        Syslog log = parts.logs().daemons().apply(route.daemon());
        InetSocketAddress peer = (InetSocketAddress) client.getRemoteAddress();
        InetSocketAddress local = (InetSocketAddress) client.getLocalAddress();
        ConnectionEffects effects = new ConnectionEffects(client, parts.shell(), log);
        Decision decision = parts.gate().decide(route.daemon(), peer, local, effects);
        switch (decision.verdict()) {
            case GRANTED -> relay(client, peer, local, limits, log);
            case DELEGATED -> parts.shell().twist(decision.twistCommand(), client, effects.environment(), log);
            case DENIED -> {
                // refused: the banner (if any) was written by the options; closing is all that is left
            }
        }
    }

    private void relay(SocketChannel client, InetSocketAddress peer, InetSocketAddress local, Limits limits,
            Syslog log) throws IOException {
        SocketChannel backend = SocketChannel.open();
        link.backend(backend);
        try {
            backend.socket().connect(route.backend(), (int) Math.min(Integer.MAX_VALUE,
                    limits.connectTimeout().toMillis()));
        } catch (IOException e) {
            if (!link.isClosed()) {
                log.error("cannot connect to " + HostPort.format(route.backend()) + " for "
                        + peer.getAddress().getHostAddress() + ": " + reason(e));
            }
            return;
        }
        // relayed bytes must not wait for Nagle: the endpoints chose their own write sizes
        backend.setOption(StandardSocketOptions.TCP_NODELAY, true);
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (route.proxy() != ProxyProtocol.NONE) {
            ByteBuffer header = ProxyHeader.encode(route.proxy(), peer, local);
            while (header.hasRemaining()) {
                backend.write(header);
            }
        }
        parts.relay().run(link, client, backend);
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
