package dev.jwrap.proxy.guard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The listening sockets of one route: one per event loop, all bound to the same address with
 * {@code SO_REUSEPORT}, so the kernel spreads new connections over the loops and each loop
 * accepts its own without handing a socket to another thread (measured against one socket
 * whose connections are dealt out round-robin in docs/PERFORMANCE.md §10). With one loop there
 * is one plain socket. Each accepted socket goes to the {@link Acceptor} with the route in
 * force at that moment; a reload may swap the route without closing the sockets.
 */
final class GuardListener implements AutoCloseable {

    /** Receives each accepted connection on the thread of the loop that accepted it. */
    @FunctionalInterface
    interface Acceptor {
        /** @param noDelay whether {@code client} has TCP_NODELAY already (from its listener) */
        void accepted(Route route, SocketChannel client, EventLoop loop, boolean noDelay);
    }

    private static final int BACKLOG = 1024;
    /** Connections accepted per readiness event before the loop serves its other sockets. */
    private static final int ACCEPT_BATCH = 64;

    private final List<Socket> sockets = new ArrayList<>();
    private volatile Route route;

    private GuardListener(Route route) {
        this.route = route;
    }

    /** Binds the route's address once per loop and starts accepting on each loop. */
    static GuardListener open(Route route, List<EventLoop> loops, Acceptor acceptor) throws IOException {
        GuardListener listener = new GuardListener(route);
        try {
            InetSocketAddress address = route.listen();
            if (loops.size() > 1) {
                // SO_REUSEPORT would let a second guard on the same address take half of the
                // connections unnoticed: a plain bind first finds the address in use
                address = probe(address);
            }
            for (EventLoop loop : loops) {
                ServerSocketChannel server = bind(address, loops.size() > 1);
                address = (InetSocketAddress) server.getLocalAddress();
                listener.sockets.add(listener.new Socket(server, loop, acceptor));
            }
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + HostPort.format(route.listen()) + ": " + e.getMessage(), e);
        }
        listener.sockets.forEach(Socket::start);
        return listener;
    }

    private static InetSocketAddress probe(InetSocketAddress address) throws IOException {
        try (ServerSocketChannel probe = Families.serverSocketFor(address)) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(address, 1);
            return new InetSocketAddress(address.getAddress(), ((InetSocketAddress) probe.getLocalAddress()).getPort());
        }
    }

    private static ServerSocketChannel bind(InetSocketAddress address, boolean shared) throws IOException {
        ServerSocketChannel server = Families.serverSocketFor(address);
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (shared) {
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            server.configureBlocking(false);
            server.bind(address, BACKLOG);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    void route(Route newRoute) {
        route = newRoute;
    }

    /** The bound address (the real port when the route asked for port 0). */
    InetSocketAddress address() {
        try {
            return (InetSocketAddress) sockets.getFirst().server.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            return route.listen();
        }
    }

    /** Resumes accepting on sockets paused by an accept error; on {@code loop}'s thread. */
    void resume(EventLoop loop) {
        for (Socket s : sockets) {
            if (s.loop == loop && s.key != null && s.key.isValid()) {
                s.key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.server.close();
            } catch (IOException e) {
                // the loop drops the key either way
            }
            s.loop.execute(() -> { }); // the close completes when the loop next selects
        }
    }

    /** One listening socket, registered with its loop. */
    private final class Socket implements EventLoop.Ready {
        private final ServerSocketChannel server;
        private final EventLoop loop;
        private final Acceptor acceptor;
        /** Relayed bytes must not wait for Nagle: set on the listener, accepted sockets inherit it. */
        private final boolean noDelay;
        private SelectionKey key;

        Socket(ServerSocketChannel server, EventLoop loop, Acceptor acceptor) {
            this.server = server;
            this.loop = loop;
            this.acceptor = acceptor;
            this.noDelay = ListenerNoDelay.set(server);
        }

        void start() {
            loop.execute(() -> {
                try {
                    key = loop.register(server, SelectionKey.OP_ACCEPT, this);
                } catch (IOException e) {
                    // closed before the loop got to it (a reload or close in between)
                }
            });
        }

        @Override
        public void ready(SelectionKey readyKey) {
            for (int i = 0; i < ACCEPT_BATCH; i++) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    // EMFILE and friends: stop accepting until the next tick instead of spinning
                    if (readyKey.isValid()) {
                        readyKey.interestOps(0);
                    }
                    return;
                }
                if (client == null) {
                    return;
                }
                acceptor.accepted(route, client, loop, noDelay);
            }
        }

        @Override
        public void failed(RuntimeException e) {
            // an accepted connection's failure is handled by the connection; the socket stays
        }
    }
}
