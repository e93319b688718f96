package dev.jwrap.host.access;

import java.util.List;

/**
 * Receives every {@link ConnectionEvent} of a server, on the thread that handled the connection.
 * Implementations are thread-safe, quick, and never throw (a failing observer must not cost a
 * connection).
 */
@FunctionalInterface
public interface ConnectionObserver {

    void observe(ConnectionEvent event);

    /** An observer that ignores everything. */
    static ConnectionObserver none() {
        return event -> {};
    }

    /** An observer that hands each event to every one of {@code observers}, in order. */
    static ConnectionObserver all(ConnectionObserver... observers) {
        List<ConnectionObserver> targets = List.of(observers);
        return event -> {
            for (ConnectionObserver target : targets) {
                target.observe(event);
            }
        };
    }
}
