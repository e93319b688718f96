package dev.jwrap.proxy.guard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies bytes both ways between a client and its backend through pooled direct buffers (the
 * data never enters the Java heap). A blocking write is the backpressure: a slow reader holds
 * back its peer's reads, and at most one buffer per direction is in flight. An end of stream is
 * passed on as a half-close ({@code shutdownOutput}); a reset or a failed write resets both sides.
 *
 * <p>Each direction that has to wait gets its own virtual thread, but a thread and its hand-offs
 * cost more than the rest of a short connection's relay, so they are spent only when needed:
 * <ul>
 *   <li>the calling thread first moves what the client has already sent without waiting
 *       (non-blocking reads and writes). When that reaches the client's end of stream — a short
 *       request, half-closed — the calling thread relays the answer itself and no second thread
 *       is started;
 *   <li>otherwise (the client is quiet, e.g. the server speaks first, or the backend does not take
 *       the bytes at once) the answer direction gets a virtual thread and each direction blocks
 *       in its own thread, as a plain two-thread relay does.
 * </ul>
 * Nobody joins the directions: whichever ends last closes both sockets and runs the connection's
 * {@code ended} callback, so no thread parks only to be woken for the close.
 */
final class Relay {

    private final BufferPool buffers;

    Relay(BufferPool buffers) {
        this.buffers = buffers;
    }

    /**
     * Relays until the calling thread's part is done (see the class comment); a second direction
     * may still be running on its own thread then. {@code ended} runs exactly once, on the thread
     * of the direction that ends last, after both sockets are closed.
     */
    void run(Link link, SocketChannel client, SocketChannel backend, Runnable ended) {
        ByteBuffer buffer = buffers.take();
        Directions directions = new Directions(link, ended);
        try {
            boolean clientEnded = forwardWithoutWaiting(link, client, backend, buffer);
            client.configureBlocking(true);
            backend.configureBlocking(true);
            if (clientEnded) {
                pump(link, backend, client, buffer, directions);
            } else {
                directions.startAnswering(() -> pumpWithOwnBuffer(link, backend, client, directions));
                while (buffer.hasRemaining()) {
                    backend.write(buffer);
                }
                pump(link, client, backend, buffer, directions);
            }
        } catch (IOException e) {
            failed(link);
        } finally {
            buffers.give(buffer);
            directions.ended();
        }
    }

    /**
     * Moves the bytes the client has already sent to the backend without waiting, in non-blocking
     * mode. Returns true when it reached the client's end of stream (passed on as a half-close);
     * false when it would have to wait, with any bytes the backend did not take left in
     * {@code buffer}.
     */
    private static boolean forwardWithoutWaiting(Link link, SocketChannel client, SocketChannel backend,
            ByteBuffer buffer) throws IOException {
        client.configureBlocking(false);
        backend.configureBlocking(false);
        while (true) {
            buffer.clear();
            int read = client.read(buffer);
            if (read < 0) {
                backend.shutdownOutput();
                return true;
            }
            buffer.flip();
            if (read == 0) {
                return false;
            }
            link.touch(System.nanoTime());
            backend.write(buffer);
            if (buffer.hasRemaining()) {
                return false;
            }
        }
    }

    private void pumpWithOwnBuffer(Link link, SocketChannel from, SocketChannel to, Directions directions) {
        ByteBuffer buffer = buffers.take();
        try {
            buffer.clear();
            pump(link, from, to, buffer, directions);
        } catch (IOException e) {
            failed(link);
        } finally {
            buffers.give(buffer);
            directions.ended();
        }
    }

    /**
     * Copies {@code from} to {@code to} until end of stream, then half-closes {@code to} — unless
     * the other direction has ended already: then the close that follows at once sends the same
     * FIN (both sides have read to their end, so no unread byte turns it into a reset), and the
     * shutdown would be one more system call for nothing.
     */
    private static void pump(Link link, SocketChannel from, SocketChannel to, ByteBuffer buffer,
            Directions directions) throws IOException {
        while (true) {
            buffer.clear();
            if (from.read(buffer) < 0) {
                if (!directions.onlyThisOneLeft()) {
                    to.shutdownOutput();
                }
                return;
            }
            link.touch(System.nanoTime());
            buffer.flip();
            while (buffer.hasRemaining()) {
                to.write(buffer);
            }
            link.touch(System.nanoTime());
        }
    }

    /** A reset, a write to a closed peer, or the sweeper closed the link: end both ways. */
    private static void failed(Link link) {
        if (!link.isClosed()) {
            link.abort();
        }
    }

    /**
     * The directions still running: the calling thread's, and the answer direction's thread once
     * started. The last to end closes the link and reports the end.
     */
    private static final class Directions {
        private final Link link;
        private final Runnable ended;
        private final AtomicInteger running = new AtomicInteger(1);

        Directions(Link link, Runnable ended) {
            this.link = link;
            this.ended = ended;
        }

        void startAnswering(Runnable pump) {
            running.incrementAndGet();
            try {
                Thread.ofVirtual().name("jwrap-guard-relay").start(pump);
            } catch (RuntimeException | OutOfMemoryError e) {
                // no thread for the answers: the connection cannot be relayed
                link.abort();
                ended();
            }
        }

        boolean onlyThisOneLeft() {
            return running.get() == 1;
        }

        void ended() {
            if (running.decrementAndGet() == 0) {
                link.close();
                ended.run();
            }
        }
    }
}
