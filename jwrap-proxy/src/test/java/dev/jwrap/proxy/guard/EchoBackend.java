package dev.jwrap.proxy.guard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Test backend: echoes every byte back; on the client's end of stream it ends its own side too
 * (so a half-close travels through the guard and back). One virtual thread per connection.
 */
final class EchoBackend implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Thread acceptor;

    private EchoBackend(ServerSocketChannel server) {
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("echo-backend").start(this::run);
    }

    static EchoBackend open(String host) throws IOException {
        return new EchoBackend(ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName(host), 0)));
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    private void run() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                Thread.ofVirtual().start(() -> echo(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(SocketChannel connection) {
        try (connection) {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (connection.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    connection.write(buffer);
                }
                buffer.clear();
            }
            connection.shutdownOutput();
        } catch (IOException e) {
            // a reset from the guard ends this connection; that is what some tests cause
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
