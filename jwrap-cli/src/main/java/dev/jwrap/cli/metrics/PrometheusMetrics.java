package dev.jwrap.cli.metrics;

import dev.jwrap.host.access.ConnectionEvent.Outcome;
import dev.jwrap.host.access.ServerMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * A server's counters as Prometheus metrics, in a registry of their own:
 *
 * <ul>
 *   <li>{@code jwrap_connections_total{service,outcome}}: connections by what became of them
 *       (allowed, denied, twisted, limited; failed counts connections already counted as allowed
 *       whose program did not start)
 *   <li>{@code jwrap_connections_active{service}}: connections being served now
 *   <li>{@code jwrap_spawn_failures_total{service}}: programs that could not be started
 *   <li>{@code jwrap_limited_total{service,limit}}: connections dropped by a limit
 *   <li>{@code jwrap_reloads_total{result}}: reloads, {@code ok} or {@code failed} (the last good
 *       configuration or tables stayed in force)
 * </ul>
 *
 * Thread-safe.
 */
public final class PrometheusMetrics implements ServerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter connections = Counter.builder()
            .name("jwrap_connections_total")
            .help("Connections by service and outcome (allowed, denied, twisted, limited, failed)")
            .labelNames("service", "outcome")
            .register(registry);
    private final Gauge active = Gauge.builder()
            .name("jwrap_connections_active")
            .help("Connections being served now")
            .labelNames("service")
            .register(registry);
    private final Counter spawnFailures = Counter.builder()
            .name("jwrap_spawn_failures_total")
            .help("Programs that could not be started")
            .labelNames("service")
            .register(registry);
    private final Counter limited = Counter.builder()
            .name("jwrap_limited_total")
            .help("Connections dropped by a limit (per_source, instances, cps, rate)")
            .labelNames("service", "limit")
            .register(registry);
    private final Counter reloads = Counter.builder()
            .name("jwrap_reloads_total")
            .help("Reloads (SIGHUP) by result: ok, or failed when the last good configuration stayed in force")
            .labelNames("result")
            .register(registry);

    /** The registry holding these metrics, for an exporter. */
    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void decided(String service, Outcome outcome) {
        connections.labelValues(service, outcome.label()).inc();
    }

    @Override
    public void opened(String service) {
        active.labelValues(service).inc();
    }

    @Override
    public void closed(String service) {
        active.labelValues(service).dec();
    }

    @Override
    public void spawnFailed(String service) {
        spawnFailures.labelValues(service).inc();
    }

    @Override
    public void limited(String service, String limit) {
        limited.labelValues(service, limit).inc();
    }

    @Override
    public void reloaded(boolean ok) {
        reloads.labelValues(ok ? "ok" : "failed").inc();
    }
}
