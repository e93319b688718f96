package dev.jwrap.inetd.server;

/**
 * xinetd's {@code cps = N S}: more than N events within one second pause the service for S
 * seconds. Times are {@code System.nanoTime()}-style readings. Not thread-safe: the owner
 * synchronises.
 */
final class PausingRate {

    static final long SECOND = 1_000_000_000L;

    private long secondStart;
    private int inSecond;
    private long pausedUntil;
    private boolean paused;

    /** What {@link #admit} decided. */
    enum Outcome {
        PROCEED,
        /** This event exceeded the rate: the pause starts now (log it). */
        TRIPPED,
        /** Within a pause: drop quietly. */
        PAUSED
    }

    Outcome admit(long now, int perSecond, int pauseSeconds) {
        if (paused && now - pausedUntil < 0) {
            return Outcome.PAUSED;
        }
        paused = false;
        if (now - secondStart >= SECOND) {
            secondStart = now;
            inSecond = 0;
        }
        if (++inSecond > perSecond) {
            paused = true;
            pausedUntil = now + pauseSeconds * SECOND;
            return Outcome.TRIPPED;
        }
        return Outcome.PROCEED;
    }
}
