package dev.jwrap.proxy.guard;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test backend that expects a PROXY header and decodes it with Netty's {@link
 * HAProxyMessageDecoder} (a real consumer, not our own parser): each connection's bytes go into
 * an {@link EmbeddedChannel} until a message comes out; the message is queued for the test, and
 * the bytes after the header are echoed back.
 */
final class ProxyHeaderBackend implements AutoCloseable {

    /** What the decoder made of one connection: its message, or its failure. */
    record Received(String protocol, String sourceAddress, int sourcePort, String destinationAddress,
            int destinationPort, String failure) {}

    private final ServerSocketChannel server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private ProxyHeaderBackend(ServerSocketChannel server) {
        this.server = server;
        Thread.ofPlatform().daemon().name("proxy-backend").start(this::run);
    }

    static ProxyHeaderBackend open(String host) throws IOException {
        return new ProxyHeaderBackend(
                ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName(host), 0)));
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no connection reached the backend within 10 s");
        }
        return r;
    }

    private void run() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        EmbeddedChannel decoder = new EmbeddedChannel(new HAProxyMessageDecoder());
        try (connection) {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            HAProxyMessage message = null;
            while (message == null && connection.read(buffer) >= 0) {
                buffer.flip();
                decoder.writeInbound(Unpooled.copiedBuffer(buffer));
                buffer.clear();
                Object out = decoder.readInbound();
                if (out instanceof HAProxyMessage m) {
                    message = m;
                }
            }
            if (message == null) {
                received.add(new Received(null, null, 0, null, 0, "end of stream before a header"));
                return;
            }
            received.add(new Received(message.proxiedProtocol().name(), message.sourceAddress(), message.sourcePort(),
                    message.destinationAddress(), message.destinationPort(), null));
            message.release();
            for (Object rest = decoder.readInbound(); rest != null; rest = decoder.readInbound()) {
                ByteBuf bytes = (ByteBuf) rest;
                connection.write(bytes.nioBuffer());
                bytes.release();
            }
            while (connection.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    connection.write(buffer);
                }
                buffer.clear();
            }
        } catch (RuntimeException e) {
            received.add(new Received(null, null, 0, null, 0, e.toString()));
        } catch (IOException e) {
            // the client went away
        } finally {
            decoder.finishAndReleaseAll();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
