package dev.jwrap.inetd.server;

import java.util.function.LongSupplier;

/**
 * The {@code nowait.max} invocation limit of one entry, with jwrap's documented deviations from
 * openbsd-inetd (inetd.md §3.6): exactly {@code max} invocations per 60 s window (inetd allows
 * one fewer), and on overflow the service pauses for 10 minutes with its port kept bound (inetd
 * closes the socket, or for IPv4 ports &ge; 1024 lets the flood continue). A reload ends a pause.
 * Thread-safe.
 */
final class RateLimiter {

    static final long WINDOW_NANOS = 60_000_000_000L;
    static final long PAUSE_NANOS = 600_000_000_000L;

    /** What {@link #tryAcquire} decided. */
    enum Outcome {
        /** Go ahead. */
        PROCEED,
        /** This invocation exceeded the limit: log it once and drop the request. */
        TRIPPED,
        /** The service is paused: drop the request quietly. */
        PAUSED
    }

    private final LongSupplier clock;
    private volatile int max;
    private int count;
    private long windowStart;
    private long pausedUntil;
    private boolean paused;

    RateLimiter(int max, LongSupplier nanoClock) {
        this.max = max;
        this.clock = nanoClock;
    }

    /** Adopts a new limit after a reload and lifts any pause, as a SIGHUP re-creates inetd's socket. */
    synchronized void reset(int newMax) {
        this.max = newMax;
        this.paused = false;
    }

    synchronized Outcome tryAcquire() {
        long now = clock.getAsLong();
        if (paused) {
            if (now - pausedUntil < 0) {
                return Outcome.PAUSED;
            }
            paused = false;
            count = 0;
        }
        if (count == 0 || now - windowStart > WINDOW_NANOS) {
            count = 1;
            windowStart = now;
            return Outcome.PROCEED;
        }
        if (count >= max) {
            paused = true;
            pausedUntil = now + PAUSE_NANOS;
            count = 0;
            return Outcome.TRIPPED;
        }
        count++;
        return Outcome.PROCEED;
    }
}
