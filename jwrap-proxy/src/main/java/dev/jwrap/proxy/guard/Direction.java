package dev.jwrap.proxy.guard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One way of a relayed connection, from one socket to the other, driven by readiness: read into
 * a pooled direct buffer, write what the peer takes, and keep the rest until the peer's socket
 * drains — while bytes wait, this direction reads nothing more, so a slow reader holds back its
 * writer through TCP itself (at most one buffer per direction). Loop thread only.
 */
final class Direction {

    /** What a {@link #pump} ended with. */
    enum Flow {
        /** Nothing more to read now. */
        DRAINED,
        /** The peer did not take every byte: wait until it is writable. */
        BLOCKED,
        /** The source reached its end of stream. */
        ENDED
    }

    /** Reads per readiness event before the loop serves its other sockets (fairness on long transfers). */
    private static final int READS_PER_EVENT = 16;

    private final SocketChannel from;
    private final SocketChannel to;
    private ByteBuffer waiting;
    private boolean ended;

    Direction(SocketChannel from, SocketChannel to) {
        this.from = from;
        this.to = to;
    }

    /** Starts with {@code bytes} to write before anything is read (the PROXY header). */
    Direction(SocketChannel from, SocketChannel to, ByteBuffer bytes) {
        this(from, to);
        this.waiting = bytes;
    }

    /**
     * Moves what the source has to the peer until either would wait. Each buffer is filled as far
     * as the source has bytes before it is written: a short request is often followed by its end
     * of stream, and knowing that before the write lets the bytes leave together with the FIN that
     * follows them ({@link LastWrite}); the reads are the same as when writing after each read.
     */
    Flow pump(BufferPool buffers) throws IOException {
        int reads = 0;
        while (reads < READS_PER_EVENT) {
            ByteBuffer buffer = buffers.take();
            int read = 0;
            while (buffer.hasRemaining() && reads < READS_PER_EVENT) {
                read = from.read(buffer);
                reads++;
                if (read <= 0) {
                    break;
                }
            }
            buffer.flip();
            boolean end = read < 0;
            if (buffer.hasRemaining()) {
                if (end) {
                    LastWrite.write(to, buffer);
                } else {
                    to.write(buffer);
                }
                if (buffer.hasRemaining()) {
                    // an end of stream seen here is read again once the peer has taken these bytes
                    waiting = buffer;
                    return Flow.BLOCKED;
                }
            }
            buffers.give(buffer);
            if (end) {
                ended = true;
                return Flow.ENDED;
            }
            if (read == 0) {
                return Flow.DRAINED;
            }
        }
        return Flow.DRAINED;
    }

    /** Writes the waiting bytes; true when none are left. */
    boolean flush(BufferPool buffers) throws IOException {
        to.write(waiting);
        if (waiting.hasRemaining()) {
            return false;
        }
        buffers.give(waiting);
        waiting = null;
        return true;
    }

    /** Whether the source should be read: not ended, and no bytes waiting for the peer. */
    boolean wantsToRead() {
        return !ended && waiting == null;
    }

    boolean hasWaiting() {
        return waiting != null;
    }

    boolean ended() {
        return ended;
    }

    /** Gives the waiting buffer back when the connection closes. */
    void release(BufferPool buffers) {
        if (waiting != null) {
            buffers.give(waiting);
            waiting = null;
        }
    }
}
