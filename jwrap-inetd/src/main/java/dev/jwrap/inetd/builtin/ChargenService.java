package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RFC 864 chargen (spec §6.3). TCP: every connection starts at line 0 and gets lines until a write
 * fails (or the client reads nothing for the idle timeout); input is never read. UDP: one line per
 * request, and the line number advances per request for the life of this object, shared by all
 * datagram sockets that use it (as in openbsd-inetd).
 */
public final class ChargenService implements StreamBuiltin, DatagramBuiltin {

    private final ChargenPattern pattern = new ChargenPattern();
    private final ByteBuffer cycle = pattern.cycle();
    private final AtomicLong nextDatagramLine = new AtomicLong();
    private final IdleWatchdog watchdog;
    private final Duration idle;

    public ChargenService(IdleWatchdog watchdog, Duration idle) {
        this.watchdog = watchdog;
        this.idle = idle;
    }

    @Override
    public void serve(SocketChannel connection) {
        try (Conversation c = new Conversation(connection, watchdog, idle)) {
            while (true) {
                c.writeFully(cycle.duplicate());
            }
        } catch (IOException ended) {
            // client gone or idle timeout
        }
    }

    @Override
    public void answer(ByteBuffer request, InetSocketAddress source, DatagramChannel channel) throws IOException {
        long line = nextDatagramLine.getAndUpdate(n -> (n + 1) % ChargenPattern.RING);
        channel.send(ByteBuffer.wrap(pattern.line(line)), source);
    }
}
