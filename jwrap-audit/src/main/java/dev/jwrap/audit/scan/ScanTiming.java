package dev.jwrap.audit.scan;

/**
 * Timeouts and concurrency of a connect scan (spec §3.2). Immutable.
 *
 * @param initialTimeoutMs the probe timeout before any round trip was measured
 * @param minTimeoutMs the smallest timeout the measured round trips may give
 * @param maxTimeoutMs the largest
 * @param retries new connects after a timeout before the port counts as filtered
 * @param initialWindow probes in flight at the start
 * @param maxWindow probes in flight at most
 */
public record ScanTiming(int initialTimeoutMs, int minTimeoutMs, int maxTimeoutMs, int retries, int initialWindow,
        int maxWindow) {

    /** Defaults for a remote target. */
    public static final ScanTiming DEFAULT = new ScanTiming(500, 50, 1000, 1, 128, 2048);
    /** Loopback answers at once; only a local firewall rule makes it wait. */
    public static final ScanTiming LOOPBACK = new ScanTiming(50, 50, 300, 1, 128, 2048);
    /** nmap's {@code -T5} timeouts and retries: initial 250 ms, between 50 and 300 ms, two retries. */
    public static final ScanTiming FAST = new ScanTiming(250, 50, 300, 2, 128, 2048);

    /** This timing with one fixed probe timeout instead of one that follows the round trips. */
    public ScanTiming fixedTimeout(int ms) {
        return new ScanTiming(ms, ms, ms, retries, initialWindow, maxWindow);
    }

    public ScanTiming {
        if (minTimeoutMs < 1 || maxTimeoutMs < minTimeoutMs || initialTimeoutMs < 1 || retries < 0 || initialWindow < 1
                || maxWindow < initialWindow) {
            throw new IllegalArgumentException("inconsistent scan timing " + this);
        }
    }
}
