package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A built-in service answering one received datagram. The caller receives (with a buffer of at
 * least {@link #MAX_DATAGRAM} bytes), then calls {@link #answer}; any reply is sent on
 * {@code channel} to {@code source}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface DatagramBuiltin {

    /** openbsd-inetd's datagram buffer: a longer request is cut to this size (echo replies 4096 bytes). */
    int MAX_DATAGRAM = 4096;

    /**
     * Answers one request.
     *
     * @param request the payload, position..limit; not modified by this call beyond its position
     * @param source who sent it
     * @param channel the socket to reply on
     * @throws IOException when sending fails (the caller logs it and goes on)
     */
    void answer(ByteBuffer request, InetSocketAddress source, DatagramChannel channel) throws IOException;
}
