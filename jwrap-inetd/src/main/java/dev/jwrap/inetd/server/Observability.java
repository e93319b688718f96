package dev.jwrap.inetd.server;

import dev.jwrap.host.access.ConnectionObserver;
import dev.jwrap.host.access.ServerMetrics;
import java.util.Objects;

/**
 * Who hears about the super-server's connections beyond its log lines.
 *
 * @param observer receives one event per connection (and per checked datagram)
 * @param metrics counts connections, active connections, spawn failures, limits and reloads
 * @param verdictLines whether the tcpd / inetd -l text line of each verdict is logged; false when
 *     the observer logs the events in another format (jwrap inetd {@code --log-format json})
 */
public record Observability(ConnectionObserver observer, ServerMetrics metrics, boolean verdictLines) {

    /** Log lines only, as openbsd-inetd and tcpd write them; no events, no metrics. */
    public static final Observability NONE = new Observability(ConnectionObserver.none(), ServerMetrics.NONE, true);

    public Observability {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(metrics, "metrics");
    }
}
