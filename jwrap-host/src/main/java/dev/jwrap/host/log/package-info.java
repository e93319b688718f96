/**
 * Logging for the super-server: the {@link dev.jwrap.host.log.Syslog} interface, RFC 3164
 * datagrams to /dev/log ({@link dev.jwrap.host.log.UnixSocketSyslog}) and the {@code -d} stderr
 * mirror ({@link dev.jwrap.host.log.StreamSyslog}).
 */
package dev.jwrap.host.log;
