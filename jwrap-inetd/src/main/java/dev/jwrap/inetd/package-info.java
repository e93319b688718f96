/**
 * The jwrap super-server: reads an OpenBSD-format inetd.conf, listens for every enabled service,
 * serves the built-in services, starts external programs with the connection as their standard
 * input and output, and checks hosts.allow / hosts.deny in-process.
 */
package dev.jwrap.inetd;
