package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** RFC 863 discard (spec §6.2): TCP reads and drops until EOF; UDP never answers. */
public final class DiscardService implements StreamBuiltin, DatagramBuiltin {

    private static final int BUFFER = 4096;

    private final IdleWatchdog watchdog;
    private final Duration idle;

    public DiscardService(IdleWatchdog watchdog, Duration idle) {
        this.watchdog = watchdog;
        this.idle = idle;
    }

    @Override
    public void serve(SocketChannel connection) {
        try (Conversation c = new Conversation(connection, watchdog, idle)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            while (c.read(buffer) >= 0) {
                buffer.clear();
            }
        } catch (IOException ended) {
            // client gone or idle timeout
        }
    }

    @Override
    public void answer(ByteBuffer request, InetSocketAddress source, DatagramChannel channel) {
        // RFC 863: no reply
    }
}
