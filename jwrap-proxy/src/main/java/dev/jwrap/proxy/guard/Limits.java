package dev.jwrap.proxy.guard;

import java.time.Duration;

/**
 * How much one client address and the whole guard may use. A value of 0 turns a count limit off.
 *
 * @param perSource concurrent connections from one client address (0: unlimited)
 * @param perSourcePerMinute new connections from one client address per minute (0: unlimited)
 * @param maxConnections concurrent connections in total (0: unlimited)
 * @param idleTimeout a connection with no byte in either direction for this long is closed
 * @param connectTimeout how long connecting to the backend may take
 */
public record Limits(int perSource, int perSourcePerMinute, int maxConnections, Duration idleTimeout,
        Duration connectTimeout) {

    /** 32 per source, no rate limit, 4096 in total, 5 minutes idle, 10 seconds to connect. */
    public static final Limits DEFAULTS = new Limits(32, 0, 4096, Duration.ofMinutes(5), Duration.ofSeconds(10));

    public Limits {
        requireNotNegative(perSource, "per-source");
        requireNotNegative(perSourcePerMinute, "rate");
        requireNotNegative(maxConnections, "max-connections");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle-timeout must be positive, got " + idleTimeout);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect-timeout must be positive, got " + connectTimeout);
        }
    }

    private static void requireNotNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " cannot be negative, got " + value);
        }
    }

    public Limits withPerSource(int value) {
        return new Limits(value, perSourcePerMinute, maxConnections, idleTimeout, connectTimeout);
    }

    public Limits withPerSourcePerMinute(int value) {
        return new Limits(perSource, value, maxConnections, idleTimeout, connectTimeout);
    }

    public Limits withMaxConnections(int value) {
        return new Limits(perSource, perSourcePerMinute, value, idleTimeout, connectTimeout);
    }

    public Limits withIdleTimeout(Duration value) {
        return new Limits(perSource, perSourcePerMinute, maxConnections, value, connectTimeout);
    }

    public Limits withConnectTimeout(Duration value) {
        return new Limits(perSource, perSourcePerMinute, maxConnections, idleTimeout, value);
    }
}
