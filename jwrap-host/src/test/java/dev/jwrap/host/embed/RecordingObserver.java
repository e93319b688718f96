package dev.jwrap.host.embed;

import dev.jwrap.host.access.ConnectionEvent;
import dev.jwrap.host.access.ConnectionEvent.Outcome;
import dev.jwrap.host.access.ConnectionObserver;
import dev.jwrap.host.access.ServerMetrics;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture: the connection events and metric calls of a server. Events carry the client's
 * port, so a test can count exactly its own connections among the strays other local programs make.
 */
public final class RecordingObserver implements ConnectionObserver, ServerMetrics {

    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    @Override
    public void observe(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void decided(String service, Outcome outcome) {
        count("decided " + service + " " + outcome.label());
    }

    @Override
    public void limited(String service, String limit) {
        count("limited " + service + " " + limit);
    }

    private void count(String key) {
        counters.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** How often a metric was counted, e.g. {@code decided myd denied} or {@code limited myd proxy_header}. */
    public int counted(String key) {
        AtomicInteger n = counters.get(key);
        return n == null ? 0 : n.get();
    }

    /** The outcomes reported for connections from exactly {@code client} (address and port). */
    public List<Outcome> outcomesFor(InetSocketAddress client) {
        return events.stream().filter(e -> e.client().equals(client)).map(ConnectionEvent::outcome).toList();
    }

    /** The events reported for connections from exactly {@code client}. */
    public List<ConnectionEvent> eventsFor(InetSocketAddress client) {
        return events.stream().filter(e -> e.client().equals(client)).toList();
    }
}
