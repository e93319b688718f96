package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** RFC 862 echo (spec §6.1): TCP sends back what it reads until EOF; UDP returns each datagram (≤ 4096 bytes). */
public final class EchoService implements StreamBuiltin, DatagramBuiltin {

    private static final int BUFFER = 4096;

    private final IdleWatchdog watchdog;
    private final Duration idle;

    public EchoService(IdleWatchdog watchdog, Duration idle) {
        this.watchdog = watchdog;
        this.idle = idle;
    }

    @Override
    public void serve(SocketChannel connection) {
        try (Conversation c = new Conversation(connection, watchdog, idle)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            while (c.read(buffer) >= 0) {
                buffer.flip();
                c.writeFully(buffer);
                buffer.clear();
            }
        } catch (IOException ended) {
            // client gone or idle timeout
        }
    }

    @Override
    public void answer(ByteBuffer request, InetSocketAddress source, DatagramChannel channel) throws IOException {
        ByteBuffer reply = request.duplicate();
        if (reply.remaining() > MAX_DATAGRAM) {
            reply.limit(reply.position() + MAX_DATAGRAM);
        }
        channel.send(reply, source);
    }
}
