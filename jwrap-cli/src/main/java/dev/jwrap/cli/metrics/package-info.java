/**
 * Prometheus for jwrap's servers: {@link dev.jwrap.cli.metrics.PrometheusMetrics} implements the
 * servers' {@link dev.jwrap.host.access.ServerMetrics} with the Prometheus Java client and serves
 * them over HTTP ({@code jwrap inetd --metrics HOST:PORT}).
 */
package dev.jwrap.cli.metrics;
