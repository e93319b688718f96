/**
 * {@code jwrap guard}: hosts.allow / hosts.deny in front of a standalone daemon. A {@link
 * dev.jwrap.proxy.guard.Guard} accepts connections on each route's address, decides them with the
 * engine under the route's daemon name, relays allowed ones to the backend (optionally behind a
 * HAProxy PROXY header) and gives refused ones tcpd's treatment: log line, banner, twist, close.
 */
package dev.jwrap.proxy.guard;
