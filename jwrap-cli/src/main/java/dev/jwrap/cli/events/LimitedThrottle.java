package dev.jwrap.cli.events;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a flood of limited connections from becoming a flood of log lines: per service and limit,
 * at most one event a second passes, and the one that passes says how many were held back since
 * the previous one (the metrics still count every connection). The same promise the limiter's
 * own text lines keep. Thread-safe.
 */
final class LimitedThrottle {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private record Window(Instant lastLogged, long heldBack) {}

    private final Map<String, Window> windows = new HashMap<>();

    /**
     * Whether an event of {@code key} at {@code time} is logged: -1 when it is held back, otherwise
     * how many were held back before it.
     */
    synchronized long admit(String key, Instant time) {
        Window window = windows.get(key);
        if (window == null || !time.isBefore(window.lastLogged().plus(INTERVAL))) {
            windows.put(key, new Window(time, 0));
            return window == null ? 0 : window.heldBack();
        }
        windows.put(key, new Window(window.lastLogged(), window.heldBack() + 1));
        return -1;
    }
}
