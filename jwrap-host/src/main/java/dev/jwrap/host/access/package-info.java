/**
 * What every jwrap server shares at the point where a connection is let in or turned away: the
 * {@link dev.jwrap.host.access.ConnectionGate} (decide with the tables, write tcpd's or inetd's
 * log line, report one {@link dev.jwrap.host.access.ConnectionEvent} and count it in
 * {@link dev.jwrap.host.access.ServerMetrics}), and the socket side of rule options
 * ({@link dev.jwrap.host.access.SocketOptionEffects}). jwrap inetd, jwrap tcpd, jwrap guard and
 * the Netty handler all log and count a denial the same way because they all go through here.
 * JDK only: JSON and Prometheus adapters live in jwrap-cli.
 */
package dev.jwrap.host.access;
