package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;

/** RFC 868 time (spec §6.5): 4 big-endian bytes, seconds since 1900 mod 2^32. TCP sends and closes. */
public final class TimeService implements StreamBuiltin, DatagramBuiltin {

    private final Clock clock;

    public TimeService(Clock clock) {
        this.clock = clock;
    }

    private ByteBuffer now() {
        return ByteBuffer.wrap(ClockFormats.time(clock.instant()));
    }

    @Override
    public void serve(SocketChannel connection) {
        OneShot.send(connection, now());
    }

    @Override
    public void answer(ByteBuffer request, InetSocketAddress source, DatagramChannel channel) throws IOException {
        channel.send(now(), source);
    }
}
