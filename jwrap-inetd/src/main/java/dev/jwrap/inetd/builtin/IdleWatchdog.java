package dev.jwrap.inetd.builtin;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Closes connections that made no progress for too long, so that a client that connects and then
 * sends or reads nothing cannot hold a built-in forever (openbsd-inetd has no such timeout; jwrap
 * adds it), and optionally reports each one. Closing a channel wakes the thread blocked on it.
 * Thread-safe; close it to stop its thread.
 *
 * <p>One platform thread sweeps all watched connections every quarter of the shortest idle time
 * (at most once a second), so a silent connection is closed between 1 and about 1.25 idle times
 * after its last progress. Starting and ending a watch only adds to and removes from a concurrent
 * set: no timer to reschedule and no thread to wake, which a connection-per-timer design paid
 * twice per connection.
 */
public final class IdleWatchdog implements AutoCloseable {

    private static final long MAX_SWEEP_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long MIN_SWEEP_NANOS = Duration.ofMillis(10).toNanos();

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile long sweepNanos = MAX_SWEEP_NANOS;
    private volatile boolean closed;
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
        sweeper = Thread.ofPlatform().daemon().name("jwrap-idle-watchdog").start(this::sweepUntilClosed);
    }

    /** Starts watching {@code resource}: it is closed once {@code idle} passes without {@link Watch#touch}. */
    public Watch watch(Closeable resource, Duration idle) {
        Watch w = new Watch(resource, idle.toNanos());
        watches.add(w);
        long wanted = Math.max(MIN_SWEEP_NANOS, w.idleNanos / 4);
        if (wanted < sweepNanos) {
            sweepNanos = wanted;
            LockSupport.unpark(sweeper); // sleep again with the shorter period
        }
        return w;
    }

    private void sweepUntilClosed() {
        while (!closed) {
            LockSupport.parkNanos(this, sweepNanos);
            long now = System.nanoTime();
            for (Watch w : watches) {
                w.closeIfIdle(now);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
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

        private Watch(Closeable resource, long idleNanos) {
            this.resource = resource;
            this.idleNanos = idleNanos;
        }

        /** Records progress (a read or write that moved bytes). */
        public void touch() {
            lastActivity = System.nanoTime();
        }

        private void closeIfIdle(long now) {
            // remove() decides the race with close(): a watch ended or handed on (TCPMUX) while
            // this check ran is not ours to close
            if (now - lastActivity >= idleNanos && watches.remove(this)) {
                String who = describe(resource);
                try {
                    resource.close();
                } catch (IOException ignored) {
                    // closing only to wake the serving thread; nothing else to do
                }
                report.accept("idle " + who + " closed after " + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s");
            }
        }

        /** Stops watching (the connection ended normally). */
        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
