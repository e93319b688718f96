package dev.jwrap.core.resolve;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking calls that cannot be interrupted (native lookups) on a bounded pool of worker
 * threads and stops waiting for them after a fixed timeout; a call that is late is reported as
 * failed and left to finish on its own. Thread-safe.
 *
 * <p>The workers are platform threads on purpose. A virtual thread that enters native code pins
 * its carrier for the whole call, and the scheduler does not add carriers for that: a few lookups
 * stalled on a dead DNS server would occupy every carrier (two on our machines) and freeze all
 * virtual threads in the process, which is exactly what the timeout is meant to prevent.
 */
final class TimeLimiter implements AutoCloseable {

    private static final long IDLE_KEEP_ALIVE_SECONDS = 30;

    private final long timeoutNanos;
    private final ThreadPoolExecutor workers;

    /**
     * @param timeout the longest a caller waits, queueing included
     * @param maxThreads how many calls may be in the C library at once; when a stalled name
     *     service holds them all, further calls wait in the queue and time out
     * @param threadName prefix of the worker threads' names
     */
    TimeLimiter(Duration timeout, int maxThreads, String threadName) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
        }
        this.timeoutNanos = saturatedNanos(timeout);
        this.workers = new ThreadPoolExecutor(
                maxThreads,
                maxThreads,
                IDLE_KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new Workers(threadName));
        workers.allowCoreThreadTimeOut(true);
    }

    /**
     * The value of {@code call}, or {@code failed} when it did not finish within the timeout, the
     * caller was interrupted (the interrupt status is kept) or this limiter is closed. Exceptions
     * thrown by {@code call} are programming errors and are rethrown unchanged.
     */
    <T> T call(Callable<T> call, T failed) {
        Task<T> task = new Task<>(call);
        try {
            workers.execute(task);
        } catch (RejectedExecutionException closed) {
            return failed;
        }
        try {
            if (task.await(timeoutNanos)) {
                return task.value();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Interrupting would not stop a thread inside the C library; just drop it from the queue
        // if it has not started yet.
        workers.remove(task);
        return failed;
    }

    /**
     * One call and its outcome, guarded by its own monitor. Not a FutureTask: FutureTask and the
     * JDK's numbering thread factory use VarHandles, whose first use makes the JVM generate
     * lambda-form classes no AOT cache keeps (≈ 3 ms of {@code jwrap check}'s start-up, docs/PERFORMANCE.md §9).
     */
    private static final class Task<T> implements Runnable {
        private final Callable<T> call;
        private boolean done;
        private T value;
        private Throwable failure;

        Task(Callable<T> call) {
            this.call = call;
        }

        @Override
        public void run() {
            T result = null;
            Throwable thrown = null;
            try {
                result = call.call();
            } catch (Throwable t) {
                thrown = t;
            }
            synchronized (this) {
                value = result;
                failure = thrown;
                done = true;
                notifyAll();
            }
        }

        /** Waits until the call is done or {@code nanos} have passed; true when done. */
        synchronized boolean await(long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            while (!done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // wait's millisecond form, rounded up so a short remainder does not spin
                wait(Math.max(1, left / 1_000_000 + (left % 1_000_000 == 0 ? 0 : 1)));
            }
            return true;
        }

        /** The value; rethrows what the call threw (programming errors). */
        synchronized T value() {
            if (failure != null) {
                throw rethrow(failure);
            }
            return value;
        }
    }

    /** Daemon platform threads named prefix0, prefix1, ... */
    private static final class Workers implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger();

        Workers(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, prefix.concat(Integer.toString(next.getAndIncrement())));
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Stops accepting calls; calls already inside the C library finish on their own. */
    @Override
    public void close() {
        workers.shutdown();
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof Error e) {
            throw e;
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("lookup failed", cause);
    }
}
