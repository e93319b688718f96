package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The simplest way to serve a built-in on a bound channel: a TCP accept loop that starts one
 * virtual thread per connection, or a UDP receive loop. The supervisor adds rate limits and access
 * control around the same {@link StreamBuiltin}/{@link DatagramBuiltin} calls; this class is what
 * tests and the demo use. The loops run until the channel is closed.
 */
public final class BuiltinListener {

    private BuiltinListener() {}

    /** Accepts on {@code server} until it is closed; {@code errors} gets unexpected accept failures. */
    public static Thread serveStream(ServerSocketChannel server, StreamBuiltin builtin, Consumer<IOException> errors) {
        return Thread.ofVirtual().name("builtin-accept").start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel connection = server.accept();
                    Thread.ofVirtual().start(() -> builtin.serve(connection));
                } catch (ClosedChannelException closed) {
                    return;
                } catch (IOException e) {
                    errors.accept(e);
                }
            }
        });
    }

    /** Receives on {@code channel} until it is closed, answering each request. */
    public static Thread serveDatagram(DatagramChannel channel, DatagramBuiltin builtin, Consumer<IOException> errors) {
        return Thread.ofVirtual().name("builtin-udp").start(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(DatagramBuiltin.MAX_DATAGRAM);
            while (channel.isOpen()) {
                try {
                    buffer.clear();
                    InetSocketAddress source = (InetSocketAddress) channel.receive(buffer);
                    buffer.flip();
                    builtin.answer(buffer, source, channel);
                } catch (ClosedChannelException closed) {
                    return;
                } catch (IOException e) {
                    errors.accept(e);
                }
            }
        });
    }
}
