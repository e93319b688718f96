package dev.jwrap.audit.scan;

/**
 * At most N new connections per second (spec §3.3: remote scans default to 500/s): each connect
 * takes the next slot of an evenly spaced schedule shared by all selector threads; a slot in the
 * future means wait. No bursts: a target's rate limiter sees an even stream. Thread-safe.
 */
final class RatePacer {

    private final long intervalNanos;
    private long next;

    /** @param perSecond new connections per second, at least 1 */
    RatePacer(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 per second, not " + perSecond);
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.next = System.nanoTime();
    }

    /** Takes a slot if one is due now. */
    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        if (now - next < 0) {
            return false;
        }
        next = Math.max(next, now - intervalNanos) + intervalNanos;
        return true;
    }

    /** Nanoseconds until the next slot, 0 when one is due. */
    synchronized long nanosUntilNext() {
        return Math.max(0, next - System.nanoTime());
    }
}
