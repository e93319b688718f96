package dev.jwrap.cli.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The HTTP endpoint Prometheus scrapes ({@code GET /metrics}), a JDK HTTP server on one address.
 * Closing it stops the server.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /** Serves {@code registry} on {@code address} (port 0: any free port, see {@link #port()}). */
    public static MetricsEndpoint serve(PrometheusRegistry registry, InetSocketAddress address) throws IOException {
        return new MetricsEndpoint(HTTPServer.builder()
                .inetAddress(address.getAddress())
                .port(address.getPort())
                .registry(registry)
                .buildAndStart());
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
