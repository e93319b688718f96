package dev.jwrap.proxy.guard;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers for relaying, reused between connections: a direct buffer lets the kernel copy
 * straight from one socket's data into the memory the other socket's write reads, with no Java
 * heap copy in between, and allocating one per connection would cost more than the short
 * connections it serves. Keeps at most {@code retained} idle buffers. Thread-safe.
 */
final class BufferPool {

    private final int size;
    private final int retained;
    private final ConcurrentLinkedDeque<ByteBuffer> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    BufferPool(int size, int retained) {
        this.size = size;
        this.retained = retained;
    }

    ByteBuffer take() {
        ByteBuffer buffer = idle.pollFirst();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(size);
        }
        idleCount.decrementAndGet();
        return buffer.clear();
    }

    void give(ByteBuffer buffer) {
        if (idleCount.incrementAndGet() <= retained) {
            idle.addFirst(buffer);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
