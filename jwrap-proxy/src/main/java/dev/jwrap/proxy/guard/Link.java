package dev.jwrap.proxy.guard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One guarded connection as the sweeper sees it: the client socket, the backend socket once
 * there is one, and when a byte last moved. Closing is idempotent and safe from any thread; it
 * wakes a relay blocked on either socket.
 */
final class Link {

    private final SocketChannel client;
    private final String daemon;
    private final InetAddress clientAddress;
    private volatile SocketChannel backend;
    private volatile long lastActive;
    private final AtomicBoolean closed = new AtomicBoolean();

    Link(SocketChannel client, String daemon, InetAddress clientAddress, long nowNanos) {
        this.client = client;
        this.daemon = daemon;
        this.clientAddress = clientAddress;
        this.lastActive = nowNanos;
    }

    SocketChannel client() {
        return client;
    }

    /** How log lines name the connection, e.g. {@code sshd: 192.0.2.7} (built only for a log line). */
    String label() {
        return daemon + ": " + clientAddress.getHostAddress();
    }

    void backend(SocketChannel channel) {
        backend = channel;
        if (closed.get()) {
            // closed by the sweeper while the backend was connecting
            quietly(channel);
        }
    }

    void touch(long nowNanos) {
        lastActive = nowNanos;
    }

    boolean idleSince(long cutoffNanos) {
        return lastActive - cutoffNanos < 0;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Closes both sockets normally (FIN). */
    void close() {
        if (closed.compareAndSet(false, true)) {
            quietly(client);
            SocketChannel b = backend;
            if (b != null) {
                quietly(b);
            }
        }
    }

    /**
     * Closes both sockets with a reset: when one side reset the connection or a write failed,
     * the other side learns it the same way instead of seeing an orderly end.
     */
    void abort() {
        resetOnClose(client);
        SocketChannel b = backend;
        if (b != null) {
            resetOnClose(b);
        }
        close();
    }

    private static void resetOnClose(SocketChannel channel) {
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException | RuntimeException e) {
            // already closed or never connected: close() below is all that is left
        }
    }

    private static void quietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do about a failed close of a socket we are giving up
        }
    }
}
