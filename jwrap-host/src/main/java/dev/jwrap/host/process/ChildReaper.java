package dev.jwrap.host.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Reaps the children this server spawned and reports each exit (inetd.md §9.6). Only pids
 * registered with {@link #watch} are waited for, one by one with {@code waitpid(pid, WNOHANG)},
 * never {@code waitpid(-1)}: the JDK's own process reaper must keep the statuses of
 * {@code ProcessBuilder} children. A platform thread sweeps the watched pids whenever
 * {@link #wake()} is called (from the SIGCHLD handler; wake-ups coalesce like signals do) and
 * every sweep interval as a safety net. Exit callbacks run on that thread, one at a time, and
 * must return quickly. Thread-safe.
 */
public final class ChildReaper implements AutoCloseable {

    private final Posix posix;
    private final Map<Integer, Consumer<ExitStatus>> watched = new ConcurrentHashMap<>();
    private final long sweepNanos;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts the reaper thread.
     *
     * @param sweepInterval how often to look even without a wake-up (e.g. one second)
     * @throws UnsupportedOperationException when not on 64-bit Linux with glibc
     */
    public ChildReaper(Duration sweepInterval) {
        this(new Posix(), sweepInterval);
    }

    ChildReaper(Posix posix, Duration sweepInterval) {
        this.posix = Objects.requireNonNull(posix, "posix");
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("sweepInterval must be positive, got " + sweepInterval);
        }
        this.sweepNanos = sweepInterval.toNanos();
        this.thread = Thread.ofPlatform().name("jwrap-reaper").daemon().start(this::run);
    }

    /**
     * Reaps {@code pid} when it exits and then calls {@code onExit} with its status. A child that
     * has already exited is reaped at once.
     *
     * @throws IllegalStateException when {@code pid} is already watched or the reaper is closed
     */
    public void watch(int pid, Consumer<ExitStatus> onExit) {
        Objects.requireNonNull(onExit, "onExit");
        if (closed) {
            throw new IllegalStateException("reaper is closed");
        }
        if (watched.putIfAbsent(pid, onExit) != null) {
            throw new IllegalStateException("pid " + pid + " is already watched");
        }
        // The child may have exited (and its SIGCHLD been consumed) before it was registered.
        wake();
    }

    /** Asks for a sweep now. Cheap and safe to call from a signal handler thread. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /** How many children are still running (watched and not yet reaped). */
    public int running() {
        return watched.size();
    }

    /** Stops the reaper thread; children still running are left alone, as inetd leaves them. */
    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            while (!closed) {
                sweep(status);
                LockSupport.parkNanos(this, sweepNanos);
            }
        }
    }

    private void sweep(MemorySegment status) {
        for (Integer pid : watched.keySet()) {
            int rc = posix.waitpid(pid, status, Posix.WNOHANG);
            if (rc == pid) {
                report(pid, new ExitStatus(status.get(JAVA_INT, 0)));
            } else if (rc == -Posix.ECHILD) {
                report(pid, ExitStatus.lost());
            }
            // 0: still running; -EINTR: try again next sweep.
        }
    }

    private void report(int pid, ExitStatus exit) {
        Consumer<ExitStatus> callback = watched.remove(pid);
        if (callback == null) {
            return;
        }
        try {
            callback.accept(exit);
        } catch (RuntimeException e) {
            // A faulty callback must not stop the reaping of every other child.
            Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
            handler.uncaughtException(thread, e);
        }
    }
}
