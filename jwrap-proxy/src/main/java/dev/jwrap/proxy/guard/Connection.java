package dev.jwrap.proxy.guard;

import dev.jwrap.core.Decision;
import dev.jwrap.host.access.Arrival;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.LogStyle;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ShellCommands;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;

/**
 * One admitted connection, owned by the event loop that accepted it: the access check, the
 * non-blocking connect to the backend, the PROXY header, then the relay both ways until both
 * ends are done. An end of stream is passed on as a half-close ({@code shutdownOutput}); a reset
 * or a failed write resets both sides. Every step runs on the loop thread, except the access
 * check when it may look up names or run commands (a virtual thread then decides and carries
 * out a refusal — banner, twist — and hands the connection back to the loop).
 */
final class Connection implements EventLoop.Ready {

    /** What every connection of a guard shares. */
    record Shared(ConnectionGate gate, ShellCommands shell, Syslog log, Tables tables, Admission admission,
            Supplier<Limits> limits) {}

    private enum State {
        CHECKING,
        CONNECTING,
        RELAYING,
        CLOSED
    }

    /** Links of the loop's {@link ConnectionList}. */
    Connection previous;
    Connection next;

    private final EventLoop loop;
    private final Route route;
    private final Arrival arrival;
    private final InetAddress address;
    private final SocketChannel client;
    private final Shared shared;
    private final boolean clientNoDelay;
    private SocketChannel backend;
    private SelectionKey clientKey;
    private SelectionKey backendKey;
    private Direction up;
    private Direction down;
    private State state = State.CHECKING;
    private long lastActive;
    private long connectDeadline;

    /** @param clientNoDelay whether {@code client} has TCP_NODELAY already (inherited from its listener) */
    Connection(EventLoop loop, Route route, Arrival arrival, SocketChannel client, boolean clientNoDelay, Shared shared) {
        this.loop = loop;
        this.clientNoDelay = clientNoDelay;
        this.route = route;
        this.arrival = arrival;
        this.address = arrival.client().getAddress();
        this.client = client;
        this.shared = shared;
    }

    /** The connection as events and metrics name it: service = the route's daemon. */
    static Arrival arrival(Route route, SocketChannel client) throws IOException {
        return new Arrival(route.daemon(), Transport.TCP, (InetSocketAddress) client.getRemoteAddress(),
                (InetSocketAddress) client.getLocalAddress());
    }

    /** Checks the connection: here when its addresses decide it, else on a virtual thread. */
    void start() {
        loop.connections().add(this);
        lastActive = loop.now();
        if (!shared.tables().decidesFromAddresses(route.daemon())) {
            Thread.ofVirtual().name("jwrap-guard-check").start(this::checkAside);
            return;
        }
        ConnectionEffects effects = effects();
        Decision decision;
        try {
            decision = decide(effects);
        } catch (RuntimeException e) {
            shared.log().error(label() + ": " + e);
            abort();
            return;
        }
        switch (decision.verdict()) {
            case GRANTED -> connect();
            case DENIED -> close();
            // a twist would have made the policy one that needs more than addresses
            case DELEGATED -> Thread.ofVirtual().start(() -> twist(decision, effects));
        }
    }

    private ConnectionEffects effects() {
        return new ConnectionEffects(client, shared.shell(), shared.log().withIdent(route.daemon()));
    }

    private Decision decide(ConnectionEffects effects) {
        return shared.gate().decide(arrival.checkedAs(route.daemon(), LogStyle.tcpd()), effects);
    }

    /** The check on its own thread, with lookups, banners and commands as they come. */
    private void checkAside() {
        try {
            ConnectionEffects effects = effects();
            Decision decision = decide(effects);
            switch (decision.verdict()) {
                case GRANTED -> loop.execute(this::connect);
                case DENIED -> loop.execute(this::close);
                case DELEGATED -> twist(decision, effects);
            }
        } catch (RuntimeException e) {
            shared.log().error(label() + ": " + e);
            loop.execute(this::close);
        }
    }

    /** Hands the client socket to the {@code twist} command, then closes the guard's copy. */
    private void twist(Decision decision, ConnectionEffects effects) {
        try {
            shared.shell().start(decision.twistCommand(), client, effects.environment(), status -> { },
                    shared.log().withIdent(route.daemon()));
        } finally {
            loop.execute(this::close);
        }
    }

    private void connect() {
        if (state != State.CHECKING) {
            return; // closed while the check ran (idle timeout, shutdown)
        }
        try {
            client.configureBlocking(false);
            backend = Families.socketFor(route.backend());
            backend.configureBlocking(false);
            // relayed bytes must not wait for Nagle: the endpoints chose their own write sizes
            backend.setOption(StandardSocketOptions.TCP_NODELAY, true);
            state = State.CONNECTING;
            // on loopback the handshake is usually over by the time connect returns: asking at
            // once spares registering for OP_CONNECT and one round through the selector
            if (backend.connect(route.backend()) || backend.finishConnect()) {
                connected();
            } else {
                connectDeadline = loop.now() + shared.limits().get().connectTimeout().toNanos();
                backendKey = loop.register(backend, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    private void connected() throws IOException {
        state = State.RELAYING;
        if (!clientNoDelay) {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        shared.gate().metrics().opened(route.daemon());
        up = route.proxy() == ProxyProtocol.NONE ? new Direction(client, backend)
                : new Direction(client, backend, ProxyHeader.encode(route.proxy(), arrival.client(), arrival.local()));
        down = new Direction(backend, client);
        clientKey = loop.register(client, 0, this);
        if (backendKey == null) {
            backendKey = loop.register(backend, 0, this);
        }
        // the client has often sent its request by now: relay it at once instead of after one more select
        if (!up.hasWaiting() || up.flush(loop.buffers())) {
            moved(up, up.pump(loop.buffers()));
        }
        if (state == State.RELAYING) {
            interest();
        }
    }

    private void connectFailed(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        String detail = "cannot connect to " + HostPort.format(route.backend()) + ": " + reason;
        shared.log().withIdent(route.daemon()).error(detail + " (client " + address.getHostAddress() + ")");
        shared.gate().failed(arrival, detail);
        close();
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            if (state == State.CONNECTING) {
                if (backend.finishConnect()) {
                    connected();
                }
                return;
            }
            if (state != State.RELAYING) {
                return;
            }
            boolean fromClient = key == clientKey;
            // readiness was polled before this batch's other keys ran: check the direction still wants it
            Direction reading = fromClient ? up : down;
            if (key.isReadable() && reading.wantsToRead()) {
                moved(reading, reading.pump(loop.buffers()));
            }
            Direction writing = fromClient ? down : up;
            if (state == State.RELAYING && key.isWritable() && writing.hasWaiting()) {
                writing.flush(loop.buffers());
                lastActive = loop.now();
            }
            if (state == State.RELAYING) {
                interest();
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    /** Before the backend answered, the backend is at fault (logged); afterwards, either side may be. */
    private void failed(IOException e) {
        if (state == State.RELAYING) {
            abort();
        } else {
            connectFailed(reason(e));
        }
    }

    private void moved(Direction d, Direction.Flow flow) throws IOException {
        lastActive = loop.now();
        if (flow != Direction.Flow.ENDED) {
            return;
        }
        Direction other = d == up ? down : up;
        if (other.ended()) {
            // both sides have read to their end: the close sends the last FIN, no shutdown needed
            close();
        } else {
            (d == up ? backend : client).shutdownOutput();
        }
    }

    /** Reads where a direction wants bytes, writes where bytes wait; only changed interests are set. */
    private void interest() {
        int clientOps = (up.wantsToRead() ? SelectionKey.OP_READ : 0) | (down.hasWaiting() ? SelectionKey.OP_WRITE : 0);
        int backendOps = (down.wantsToRead() ? SelectionKey.OP_READ : 0) | (up.hasWaiting() ? SelectionKey.OP_WRITE : 0);
        if (clientKey.interestOps() != clientOps) {
            clientKey.interestOps(clientOps);
        }
        if (backendKey.interestOps() != backendOps) {
            backendKey.interestOps(backendOps);
        }
    }

    /** Closes the connection if it has been idle too long or its backend does not answer; on the loop tick. */
    void sweep(long now, Limits limits) {
        if (state == State.CONNECTING && now - connectDeadline >= 0) {
            connectFailed("connect timed out");
        } else if (state != State.CLOSED && now - lastActive > limits.idleTimeout().toNanos()) {
            shared.log().info(label() + ": idle for " + limits.idleTimeout().toSeconds() + " s, connection closed");
            close();
        }
    }

    @Override
    public void failed(RuntimeException e) {
        abort();
    }

    /**
     * Closes both sockets with a reset: when one side reset the connection or a write failed,
     * the other side learns it the same way instead of seeing an orderly end.
     */
    private void abort() {
        resetOnClose(client);
        if (backend != null) {
            resetOnClose(backend);
        }
        close();
    }

    /** Closes both sockets normally (FIN) and gives back the connection's slot and buffers; loop thread. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean relayed = state == State.RELAYING;
        state = State.CLOSED;
        loop.close(client, clientKey);
        if (backend != null) {
            loop.close(backend, backendKey);
        }
        if (relayed) {
            up.release(loop.buffers());
            down.release(loop.buffers());
            shared.gate().metrics().closed(route.daemon());
        }
        loop.connections().remove(this);
        shared.admission().release(address);
    }

    /** How log lines name the connection, e.g. {@code sshd: 192.0.2.7} (built only for a log line). */
    private String label() {
        return route.daemon() + ": " + address.getHostAddress();
    }

    private static void resetOnClose(SocketChannel channel) {
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException | RuntimeException e) {
            // already closed or never connected: the close is all that is left
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
