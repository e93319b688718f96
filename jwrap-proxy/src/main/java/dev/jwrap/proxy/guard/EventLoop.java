package dev.jwrap.proxy.guard;

import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One selector thread that owns its sockets: it accepts on its own listening sockets, decides,
 * connects and relays, all without a hand-off to another thread (a hand-off costs more than
 * the rest of a short connection). Other threads talk to it only through {@link #execute}.
 * Every tick it runs its owner's periodic work on the loop thread (for the guard: idle and
 * connect timeouts, listeners paused by an accept error).
 */
final class EventLoop implements AutoCloseable {

    /** Reacts to a ready key on the loop thread; must not block. */
    interface Ready {
        void ready(SelectionKey key);

        /** An unexpected exception escaped {@link #ready}: drop whatever the key stands for. */
        void failed(RuntimeException e);
    }

    private static final int BUFFER_SIZE = 64 * 1024;
    /** Idle buffers a loop keeps; beyond that a finished connection's buffers go to the collector. */
    private static final int BUFFERS_RETAINED = 64;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final BufferPool buffers = new BufferPool(BUFFER_SIZE, BUFFERS_RETAINED);
    private final ConnectionList connections = new ConnectionList();
    private final ArrayList<SocketChannel> closing = new ArrayList<>();
    private final LongSupplier tickNanos;
    private final Consumer<EventLoop> tick;
    private final Syslog log;
    private volatile boolean stopping;
    private long now;

    /**
     * @param tickNanos how long until the next tick, asked after each tick (a reload may change it)
     * @param tick what runs every tick on the loop thread
     */
    private EventLoop(String name, LongSupplier tickNanos, Consumer<EventLoop> tick, Syslog log) throws IOException {
        this.selector = Selector.open();
        this.tickNanos = tickNanos;
        this.tick = tick;
        this.log = log;
        this.now = System.nanoTime();
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    static EventLoop start(String name, LongSupplier tickNanos, Consumer<EventLoop> tick, Syslog log)
            throws IOException {
        EventLoop loop = new EventLoop(name, tickNanos, tick, log);
        loop.thread.start();
        return loop;
    }

    /** Runs {@code task} on the loop thread soon; never runs it once the loop is closed. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Registers {@code channel} (non-blocking) with this loop's selector; loop thread only. */
    SelectionKey register(SelectableChannel channel, int ops, Ready handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    /** {@link System#nanoTime} when the loop last woke up: precise enough for timeouts and idle times. */
    long now() {
        return now;
    }

    BufferPool buffers() {
        return buffers;
    }

    ConnectionList connections() {
        return connections;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        long nextTick = now + tickNanos.getAsLong();
        try {
            while (!stopping) {
                long wait = Math.max(1, Duration.ofNanos(nextTick - now).toMillis());
                selector.select(this::dispatch, wait);
                now = System.nanoTime();
                runTasks();
                closeDeregistered();
                if (now - nextTick >= 0) {
                    tick.accept(this);
                    nextTick = now + tickNanos.getAsLong();
                }
            }
        } catch (IOException e) {
            log.error("event loop " + thread.getName() + " stopped: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            log.error("event loop " + thread.getName() + " stopped: " + e);
            throw e;
        } finally {
            shutDown();
        }
    }

    private void dispatch(SelectionKey key) {
        Ready handler = (Ready) key.attachment();
        try {
            handler.ready(key);
        } catch (RuntimeException e) {
            // one connection's bug must not stop every other connection of the loop
            log.error("unexpected error on " + key.channel() + ": " + e);
            handler.failed(e);
        }
    }

    /**
     * Closes {@code channel} on the loop thread. A channel still registered with the selector
     * would, when closed, first ask for its SO_LINGER value and shut its output down (the JDK
     * cannot close the descriptor before the selector forgets it): two system calls per socket.
     * So the key is cancelled now and the channel closed once the next select has flushed it,
     * in the same loop iteration.
     */
    void close(SocketChannel channel, SelectionKey key) {
        if (key == null || !key.isValid()) {
            closeNow(channel);
        } else {
            key.cancel();
            closing.add(channel);
        }
    }

    private void closeDeregistered() throws IOException {
        while (!closing.isEmpty()) {
            List<SocketChannel> flushed = List.copyOf(closing);
            closing.clear();
            // flushes the cancelled keys; what becomes ready meanwhile is served (and may close more)
            selector.selectNow(this::dispatch);
            flushed.forEach(EventLoop::closeNow);
        }
    }

    private static void closeNow(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do about a failed close of a socket we are giving up
        }
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("event loop task failed: " + e);
            }
        }
    }

    /** Closes every connection and socket still registered, then the selector (all on the loop thread). */
    private void shutDown() {
        tasks.clear();
        connections.closeAll();
        closing.forEach(EventLoop::closeNow);
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                // closing for good: nothing else to do
            }
        }
        try {
            // the deferred closes of registered channels happen when their keys are flushed
            selector.selectNow();
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the loop; returns when its sockets are closed (or after 5 s). */
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
