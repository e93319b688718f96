/**
 * Logging for the super-server: the {@link dev.jwrap.inetd.log.Syslog} interface, RFC 3164
 * datagrams to /dev/log ({@link dev.jwrap.inetd.log.UnixSocketSyslog}) and the {@code -d} stderr
 * mirror ({@link dev.jwrap.inetd.log.StreamSyslog}).
 */
package dev.jwrap.inetd.log;
