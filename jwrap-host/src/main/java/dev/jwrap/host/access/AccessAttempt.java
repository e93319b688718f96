package dev.jwrap.host.access;

import java.util.Objects;

/**
 * A connection (or datagram) to check against the tables.
 *
 * @param arrival the connection
 * @param daemon the daemon name hosts.allow rules match
 * @param style whose log lines the verdict gets
 */
public record AccessAttempt(Arrival arrival, String daemon, LogStyle style) {

    public AccessAttempt {
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(style, "style");
    }
}
