package dev.jwrap.core.resolve;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
                Thread.ofPlatform().daemon().name(threadName, 0).factory());
        workers.allowCoreThreadTimeOut(true);
    }

    /**
     * The value of {@code call}, or {@code failed} when it did not finish within the timeout, the
     * caller was interrupted (the interrupt status is kept) or this limiter is closed. Exceptions
     * thrown by {@code call} are programming errors and are rethrown unchanged.
     */
    <T> T call(Callable<T> call, T failed) {
        FutureTask<T> task = new FutureTask<>(call);
        try {
            workers.execute(task);
        } catch (RejectedExecutionException closed) {
            return failed;
        }
        try {
            return task.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return abandon(task, failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abandon(task, failed);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private <T> T abandon(FutureTask<T> task, T failed) {
        // Interrupting would not stop a thread inside the C library; just drop it from the queue
        // if it has not started yet.
        task.cancel(false);
        workers.remove(task);
        return failed;
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
