/**
 * The running super-server: one listener per inetd.conf entry and bound address, the rate limiter,
 * in-process TCP Wrappers checks, spawning of external programs, and reload on SIGHUP.
 * {@link dev.jwrap.inetd.server.Supervisor} is the entry point.
 */
package dev.jwrap.inetd.server;
