package dev.jwrap.proxy.guard;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One event loop's direct buffers for relaying, reused between reads: a direct buffer lets the
 * kernel copy straight from one socket's data into the memory the other socket's write reads,
 * with no Java heap copy in between. A buffer is taken for a read and given back as soon as its
 * bytes are written, so only a direction whose peer is not reading holds one. Keeps at most
 * {@code retained} idle buffers. Used by its loop's thread only.
 */
final class BufferPool {

    private final int size;
    private final int retained;
    private final ArrayDeque<ByteBuffer> idle = new ArrayDeque<>();
    private long allocated;

    BufferPool(int size, int retained) {
        this.size = size;
        this.retained = retained;
    }

    ByteBuffer take() {
        ByteBuffer buffer = idle.pollFirst();
        if (buffer == null) {
            allocated++;
            return ByteBuffer.allocateDirect(size);
        }
        return buffer.clear();
    }

    /** Takes back a buffer of this pool; any other buffer (a PROXY header) is left alone. */
    void give(ByteBuffer buffer) {
        if (buffer.isDirect() && buffer.capacity() == size && idle.size() < retained) {
            idle.addFirst(buffer);
        }
    }

    /** How many buffers this pool has allocated so far (for tests: memory stays bounded). */
    long allocated() {
        return allocated;
    }
}
