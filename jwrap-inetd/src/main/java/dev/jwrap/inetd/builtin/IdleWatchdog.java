package dev.jwrap.inetd.builtin;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Closes connections that made no progress for too long, so that a client that connects and then
 * sends or reads nothing cannot hold a built-in forever (openbsd-inetd has no such timeout; jwrap
 * adds it), and optionally reports each one. Closing a channel wakes the thread blocked on it. One
 * platform thread serves all connections; thread-safe. Close it to stop that thread.
 */
public final class IdleWatchdog implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;
    private final Consumer<String> report;

    /** A watchdog that closes idle connections silently. */
    public IdleWatchdog() {
        this(message -> { });
    }

    /**
     * A watchdog that also reports each connection it closes, e.g. {@code idle connection from
     * /127.0.0.1:40000 closed after 300 s} (the server logs it).
     */
    public IdleWatchdog(Consumer<String> report) {
        this.report = report;
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jwrap-idle-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts watching {@code resource}: it is closed once {@code idle} passes without {@link Watch#touch}. */
    public Watch watch(Closeable resource, Duration idle) {
        Watch w = new Watch(resource, idle.toNanos());
        w.schedule(w.idleNanos);
        return w;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** "connection from ADDRESS" for a socket, else what the resource says it is. */
    private static String describe(Closeable resource) {
        if (resource instanceof SocketChannel channel) {
            try {
                return "connection from " + channel.getRemoteAddress();
            } catch (IOException e) {
                return "connection";
            }
        }
        return resource.toString();
    }

    /** One watched connection. */
    public final class Watch implements AutoCloseable {
        private final Closeable resource;
        private final long idleNanos;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean done;
        private ScheduledFuture<?> pending;

        private Watch(Closeable resource, long idleNanos) {
            this.resource = resource;
            this.idleNanos = idleNanos;
        }

        /** Records progress (a read or write that moved bytes). */
        public void touch() {
            lastActivity = System.nanoTime();
        }

        private synchronized void schedule(long delayNanos) {
            if (!done) {
                pending = timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        private synchronized void check() {
            if (done) {
                return; // ended or handed on (TCPMUX) while this check was due: not ours to close
            }
            long quiet = System.nanoTime() - lastActivity;
            if (quiet < idleNanos) {
                schedule(idleNanos - quiet);
                return;
            }
            done = true;
            String who = describe(resource);
            try {
                resource.close();
            } catch (IOException ignored) {
                // closing only to wake the serving thread; nothing else to do
            }
            report.accept("idle " + who + " closed after " + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s");
        }

        /** Stops watching (the connection ended normally). */
        @Override
        public synchronized void close() {
            done = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
