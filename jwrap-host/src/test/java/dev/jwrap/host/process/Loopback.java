package dev.jwrap.host.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A TCP connection on 127.0.0.1: the client as a plain socket with a timeout, the server side as a channel. */
record Loopback(ServerSocketChannel listener, Socket client, SocketChannel server) implements AutoCloseable {

    static Loopback open() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Socket client = new Socket();
        client.connect(listener.getLocalAddress(), 5_000);
        client.setSoTimeout(10_000);
        SocketChannel server = listener.accept();
        return new Loopback(listener, client, server);
    }

    @Override
    public void close() throws IOException {
        try (listener; client; server) {
            // closes all three
        }
    }
}
