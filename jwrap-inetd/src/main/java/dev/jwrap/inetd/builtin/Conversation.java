package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One TCP conversation of a built-in: the channel plus its idle watch; reads and writes record
 * progress, and closing ends both. Not thread-safe (one per connection thread).
 */
final class Conversation implements AutoCloseable {

    private final SocketChannel channel;
    private final IdleWatchdog.Watch watch;

    Conversation(SocketChannel channel, IdleWatchdog watchdog, Duration idle) {
        this.channel = channel;
        this.watch = watchdog.watch(channel, idle);
    }

    /** Reads into {@code buffer}; -1 at end of stream. */
    int read(ByteBuffer buffer) throws IOException {
        int n = channel.read(buffer);
        if (n > 0) {
            watch.touch();
        }
        return n;
    }

    /** Writes all remaining bytes of {@code buffer}. */
    void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) > 0) {
                watch.touch();
            }
        }
    }

    SocketChannel channel() {
        return channel;
    }

    /** Stops watching without closing the channel (it was handed on). */
    void release() {
        watch.close();
    }

    @Override
    public void close() {
        watch.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // the client is gone either way
        }
    }
}
