package dev.jwrap.proxy.guard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Copies bytes both ways between a client and its backend, one virtual thread per direction,
 * through pooled direct buffers (the data never enters the Java heap). A blocking write is the
 * backpressure: a slow reader holds back its peer's reads, and at most one buffer per direction
 * is in flight. An end of stream is passed on as a half-close ({@code shutdownOutput}); a reset
 * or a failed write resets both sides. Returns once both directions have ended and both sockets
 * are closed.
 */
final class Relay {

    private final BufferPool buffers;

    Relay(BufferPool buffers) {
        this.buffers = buffers;
    }

    void run(Link link, SocketChannel client, SocketChannel backend) {
        Thread downstream = Thread.ofVirtual().name("jwrap-guard-relay").start(() -> pump(link, backend, client));
        pump(link, client, backend);
        try {
            downstream.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.abort();
        }
        link.close();
    }

    private void pump(Link link, SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = buffers.take();
        try {
            while (true) {
                buffer.clear();
                if (from.read(buffer) < 0) {
                    to.shutdownOutput();
                    return;
                }
                link.touch(System.nanoTime());
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                link.touch(System.nanoTime());
            }
        } catch (IOException e) {
            // a reset, a write to a closed peer, or the sweeper closed the link: end both ways
            if (!link.isClosed()) {
                link.abort();
            }
        } finally {
            buffers.give(buffer);
        }
    }
}
