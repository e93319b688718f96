package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * RFC 867 daytime (spec §6.4): {@code ctime()} of now in the clock's zone, 26 bytes. TCP writes
 * it and closes without reading; UDP answers every request.
 */
public final class DaytimeService implements StreamBuiltin, DatagramBuiltin {

    private final Clock clock;

    public DaytimeService(Clock clock) {
        this.clock = clock;
    }

    private ByteBuffer now() {
        return ByteBuffer.wrap(ClockFormats.daytime(ZonedDateTime.now(clock)));
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
