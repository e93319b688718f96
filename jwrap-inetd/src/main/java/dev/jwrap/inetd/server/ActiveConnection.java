package dev.jwrap.inetd.server;

import dev.jwrap.host.access.ServerMetrics;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One accepted connection while it is being served: counted as active in the metrics and holding
 * its flood-guard place until the built-in's conversation or the started program ends.
 * {@link #end} is idempotent and may be called from the reaper thread.
 */
final class ActiveConnection {

    private final FloodGuard.Ticket ticket;
    private final ServerMetrics metrics;
    private final String service;
    private final AtomicBoolean ended = new AtomicBoolean();

    private ActiveConnection(FloodGuard.Ticket ticket, ServerMetrics metrics, String service) {
        this.ticket = ticket;
        this.metrics = metrics;
        this.service = service;
    }

    static ActiveConnection open(FloodGuard.Ticket ticket, ServerMetrics metrics, String service) {
        metrics.opened(service);
        return new ActiveConnection(ticket, metrics, service);
    }

    void end() {
        if (ended.compareAndSet(false, true)) {
            ticket.release();
            metrics.closed(service);
        }
    }
}
