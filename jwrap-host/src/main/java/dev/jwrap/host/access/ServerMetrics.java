package dev.jwrap.host.access;

import dev.jwrap.host.access.ConnectionEvent.Outcome;

/**
 * The counters and gauges a jwrap server keeps up to date; an adapter turns them into a metrics
 * library's (jwrap-cli: Prometheus). Service names are the ones of {@link ConnectionEvent#service()}.
 * Implementations are thread-safe and cheap enough to call for every connection.
 */
public interface ServerMetrics {

    /** Counts nothing. */
    ServerMetrics NONE = new ServerMetrics() {};

    /** One connection of {@code service} ended with {@code outcome} (the gate calls this for every event). */
    default void decided(String service, Outcome outcome) {}

    /** A connection of {@code service} is now being served (active connections go up). */
    default void opened(String service) {}

    /** A connection counted by {@link #opened} has ended. */
    default void closed(String service) {}

    /** The program of {@code service} could not be started. */
    default void spawnFailed(String service) {}

    /**
     * A connection of {@code service} was dropped by one of the server's limits.
     *
     * @param limit which one, e.g. {@code per_source}, {@code instances}, {@code cps}, {@code rate}
     */
    default void limited(String service, String limit) {}

    /** A reload (SIGHUP) was done; {@code ok} is false when the last good configuration stayed in force. */
    default void reloaded(boolean ok) {}
}
