package dev.jwrap.host.embed;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * A listening {@link ServerSocketChannel} whose {@link #accept()} returns only connections the
 * policy allows. One virtual thread accepts; each connection is checked on a virtual thread of its
 * own, so a client whose name or ident lookup is slow never holds up the others. Refused
 * connections get tcpd's treatment (banner, log line, close) and are never seen by the caller.
 * At most {@code maxPending} connections are being checked or waiting for {@code accept()}; past
 * that, accepting pauses and the kernel's backlog holds new clients.
 *
 * <pre>{@code
 * try (var server = AccessCheckedServerSocketChannel.open(new InetSocketAddress(7000), access)) {
 *     while (true) {
 *         SocketChannel c = server.accept();
 *         Thread.startVirtualThread(() -> serve(c));
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe; closing it closes the listening channel and every connection not yet accepted.
 */
public final class AccessCheckedServerSocketChannel implements Closeable {

    /** The default bound on connections being checked or waiting to be accepted. */
    public static final int DEFAULT_MAX_PENDING = 256;

    /** How long accepting pauses after an error such as "Too many open files". */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    /** Queued after the listening channel closed, so {@code accept()} stops waiting. */
    private static final Slot END = new Slot(null);

    private final ServerSocketChannel listener;
    private final AccessFilter filter;
    private final Semaphore pending;
    private final LinkedBlockingQueue<Slot> allowed = new LinkedBlockingQueue<>();
    private final Thread acceptor;
    private final EmbeddedAccess access;
    private boolean closed; // guarded by this: no allowed connection is queued after close()

    /** An allowed connection, or the end of the stream of them. */
    private record Slot(SocketChannel connection) {}

    private AccessCheckedServerSocketChannel(ServerSocketChannel listener, EmbeddedAccess access, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1, got " + maxPending);
        }
        this.listener = listener;
        this.access = access;
        this.filter = new AccessFilter(access);
        this.pending = new Semaphore(maxPending);
        this.acceptor = Thread.ofVirtual().name("jwrap-accept-" + access.daemon()).start(this::acceptLoop);
    }

    /** Binds a new listening channel to {@code local} (backlog: the system default). */
    public static AccessCheckedServerSocketChannel open(SocketAddress local, EmbeddedAccess access) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(local);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return wrap(channel, access, DEFAULT_MAX_PENDING);
    }

    /** Takes over a bound, blocking {@code listener}; only this object may accept from it now. */
    public static AccessCheckedServerSocketChannel wrap(ServerSocketChannel listener, EmbeddedAccess access,
            int maxPending) {
        if (!listener.isBlocking()) {
            throw new IllegalArgumentException("the listening channel must be in blocking mode");
        }
        return new AccessCheckedServerSocketChannel(listener, access, maxPending);
    }

    /** The address the channel listens on. */
    public SocketAddress localAddress() throws IOException {
        return listener.getLocalAddress();
    }

    /**
     * The next allowed connection, waiting for one.
     *
     * @throws ClosedChannelException after {@link #close()}
     * @throws InterruptedIOException when the waiting thread is interrupted
     */
    public SocketChannel accept() throws IOException {
        Slot slot;
        try {
            slot = allowed.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection");
        }
        if (slot == END) {
            allowed.add(slot); // for every other waiting caller
            throw new ClosedChannelException();
        }
        pending.release();
        return slot.connection();
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            closed = true;
        }
        listener.close();
        acceptor.interrupt();
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Slot slot : allowed) {
            if (slot != END) {
                Connection.of(slot.connection()).close();
            }
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                pending.acquire();
                SocketChannel connection;
                try {
                    connection = listener.accept();
                } catch (ClosedChannelException e) {
                    return; // closed: accept() reports ClosedChannelException
                } catch (IOException e) {
                    // e.g. out of descriptors: the listener is fine and a later accept may succeed
                    pending.release();
                    access.log().warning(access.daemon() + ": accept: " + e.getMessage());
                    Thread.sleep(ACCEPT_RETRY_MILLIS); // a back-off, so a lasting error does not spin
                    continue;
                }
                Thread.ofVirtual().name("jwrap-check").start(() -> check(connection));
            }
        } catch (InterruptedException e) {
            // close() interrupts the acceptor
        } finally {
            allowed.add(END);
        }
    }

    private void check(SocketChannel connection) {
        if (filter.admit(connection)) {
            synchronized (this) {
                if (!closed) {
                    allowed.add(new Slot(connection));
                    return;
                }
            }
            Connection.of(connection).close(); // allowed, but nobody will accept it any more
        }
        pending.release();
    }
}
