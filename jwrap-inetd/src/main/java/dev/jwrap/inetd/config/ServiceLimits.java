package dev.jwrap.inetd.config;

import java.util.OptionalInt;

/**
 * jwrap's per-service flood limits, which inetd.conf itself cannot express (xinetd has them): set
 * with a {@code #jwrap:} comment, see {@link LimitsDirectiveParser}. An empty value means no limit.
 *
 * @param perSource concurrent connections from one source address (xinetd {@code per_source})
 * @param instances concurrent connections or children of the service (xinetd {@code instances})
 * @param connectionsPerSecond accepted connections per second before the service pauses (xinetd
 *     {@code cps}, first number)
 * @param pauseSeconds how long the service pauses after exceeding {@code connectionsPerSecond}
 *     (xinetd {@code cps}, second number)
 */
public record ServiceLimits(
        OptionalInt perSource, OptionalInt instances, OptionalInt connectionsPerSecond, int pauseSeconds) {

    /** Pause after a cps overflow when the directive names none (xinetd's usual value). */
    public static final int DEFAULT_PAUSE_SECONDS = 10;

    /** No jwrap limits (openbsd-inetd's behaviour). */
    public static final ServiceLimits NONE =
            new ServiceLimits(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), DEFAULT_PAUSE_SECONDS);

    public ServiceLimits {
        requirePositive(perSource, "per_source");
        requirePositive(instances, "instances");
        requirePositive(connectionsPerSecond, "cps");
        if (pauseSeconds < 1) {
            throw new IllegalArgumentException("cps pause must be at least 1 second, not " + pauseSeconds);
        }
    }

    private static void requirePositive(OptionalInt value, String name) {
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value.getAsInt());
        }
    }

    public boolean isUnlimited() {
        return perSource.isEmpty() && instances.isEmpty() && connectionsPerSecond.isEmpty();
    }
}
