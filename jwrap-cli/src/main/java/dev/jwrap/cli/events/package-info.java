/**
 * Connection events in other shapes than tcpd's text lines: {@link dev.jwrap.cli.events.JsonConnectionLog}
 * writes one JSON object per event ({@code jwrap inetd --log-format json}).
 */
package dev.jwrap.cli.events;
