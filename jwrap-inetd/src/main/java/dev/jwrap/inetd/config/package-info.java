/**
 * inetd.conf as openbsd-inetd reads it ({@link dev.jwrap.inetd.config.InetdConfigParser}), the
 * services(5) table ({@link dev.jwrap.inetd.config.ServicesDatabase}) and the immutable result
 * ({@link dev.jwrap.inetd.config.InetdConfig}, {@link dev.jwrap.inetd.config.ServiceEntry}).
 *
 * <h2>jwrap's per-service limits</h2>
 *
 * <p>inetd.conf has no syntax for flood limits, and the file must stay readable by openbsd-inetd
 * (so that users can switch back and forth, and so the differential tests can feed the same file to
 * both). jwrap therefore reads them from a <em>structured comment</em> in column 1, which
 * openbsd-inetd skips like any other comment:
 *
 * <pre>
 * #jwrap: per_source=5 instances=50 cps=20:30
 * echo    stream  tcp  nowait  root  internal
 * </pre>
 *
 * <ul>
 *   <li>{@code per_source=N}: at most N concurrent connections from one client address;
 *   <li>{@code instances=N}: at most N concurrent connections (or children) of the service;
 *   <li>{@code cps=N[:S]}: more than N new connections within one second pause the service for S
 *       seconds (default 10), like xinetd's {@code cps = N S};
 *   <li>{@code unlimited} instead of a number removes a limit set by an earlier {@code #jwrap:} line.
 * </ul>
 *
 * <p>The comment belongs to the next service entry below it; blank lines, ordinary comments and
 * {@code host:} lines may come in between, and several {@code #jwrap:} lines are merged. A
 * {@code tcp}/{@code udp} entry (IPv4 and IPv6) gets the limits on both sockets. A bad item is
 * reported as {@code file:line: warning: ...} and ignored, the entry is kept; a {@code #jwrap:}
 * comment with no entry after it is reported too. It must start in column 1: an indented line
 * would be a continuation of the previous entry for openbsd-inetd (and for jwrap). The parsed values
 * are in {@link dev.jwrap.inetd.config.ServiceEntry#limits()}; enforcing them is the supervisor's job.
 */
package dev.jwrap.inetd.config;
