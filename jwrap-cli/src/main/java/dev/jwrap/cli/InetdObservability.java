package dev.jwrap.cli;

import dev.jwrap.cli.events.JsonConnectionLog;
import dev.jwrap.cli.metrics.MetricsEndpoint;
import dev.jwrap.cli.metrics.PrometheusMetrics;
import dev.jwrap.host.access.ConnectionObserver;
import dev.jwrap.host.access.ServerMetrics;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.inetd.server.Observability;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * What {@code --log-format} and {@code --metrics} make of jwrap inetd's connections: the observer,
 * the metrics and, while the server runs, the HTTP endpoint Prometheus scrapes. Closing it stops
 * the endpoint.
 */
final class InetdObservability implements AutoCloseable {

    /** {@code --log-format}: tcpd's and inetd's text lines, or one JSON object per connection. */
    enum LogFormat {
        text,
        json
    }

    private final Observability observability;
    private final MetricsEndpoint endpoint;

    private InetdObservability(Observability observability, MetricsEndpoint endpoint) {
        this.observability = observability;
        this.endpoint = endpoint;
    }

    /**
     * @param metricsAddress where to serve metrics, or null for none
     * @throws IOException when the metrics address cannot be bound
     */
    static InetdObservability create(LogFormat format, Syslog log, InetSocketAddress metricsAddress)
            throws IOException {
        boolean json = format == LogFormat.json;
        ConnectionObserver observer = json ? new JsonConnectionLog(log) : ConnectionObserver.none();
        if (metricsAddress == null) {
            return new InetdObservability(new Observability(observer, ServerMetrics.NONE, !json), null);
        }
        PrometheusMetrics metrics = new PrometheusMetrics();
        MetricsEndpoint endpoint = MetricsEndpoint.serve(metrics.registry(), metricsAddress);
        return new InetdObservability(new Observability(observer, metrics, !json), endpoint);
    }

    Observability observability() {
        return observability;
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
