package dev.jwrap.proxy.guard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The listening socket of one route and its accept loop. The loop is a virtual thread like the
 * connections it starts: a connection's thread then starts on the accepting carrier's own queue
 * instead of waking a carrier from a platform thread, and a busy listener accepts without any
 * thread switch (measured in docs/PERFORMANCE.md §10: fewer context switches per connection).
 * Each accepted socket goes to {@code handler} with the route in force at that moment; a reload
 * may swap the route without closing the socket.
 */
final class GuardListener implements AutoCloseable {

    private static final int BACKLOG = 1024;

    private final ServerSocketChannel server;
    private final AtomicReference<Route> route;
    private final BiConsumer<Route, SocketChannel> handler;
    private final Thread thread;

    private GuardListener(ServerSocketChannel server, Route route, BiConsumer<Route, SocketChannel> handler) {
        this.server = server;
        this.route = new AtomicReference<>(route);
        this.handler = handler;
        this.thread = Thread.ofVirtual().name("jwrap-guard-accept " + route.daemon()).unstarted(this::run);
    }

    static GuardListener open(Route route, BiConsumer<Route, SocketChannel> handler) throws IOException {
        ServerSocketChannel server = Families.serverSocketFor(route.listen());
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(route.listen(), BACKLOG);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + HostPort.format(route.listen()) + ": " + e.getMessage(), e);
        }
        GuardListener listener = new GuardListener(server, route, handler);
        listener.thread.start();
        return listener;
    }

    void route(Route newRoute) {
        route.set(newRoute);
    }

    /** The bound address (the real port when the route asked for port 0). */
    InetSocketAddress address() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            return route.get().listen();
        }
    }

    private void run() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // EMFILE and friends: back off briefly instead of spinning on the error
                pause();
                continue;
            }
            handler.accept(route.get(), client);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // the accept loop ends either way
        }
    }
}
