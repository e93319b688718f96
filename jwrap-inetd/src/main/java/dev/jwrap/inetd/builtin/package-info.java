/**
 * The built-in services, byte-compatible with openbsd-inetd: echo, discard, chargen, daytime and
 * time over TCP and UDP, and RFC 1078 TCPMUX (which openbsd-inetd lacks).
 *
 * <p>For the supervisor: build one {@link dev.jwrap.inetd.builtin.Builtins} per server (clock,
 * {@link dev.jwrap.inetd.builtin.IdleWatchdog}, idle timeout, {@link dev.jwrap.inetd.builtin.UdpSourceFilter},
 * TCPMUX table). For an accepted TCP connection call
 * {@code builtins.stream(service).serve(channel)} on a new virtual thread; it returns when the
 * conversation is over and has closed the channel (a silent client is cut off after the idle
 * timeout). For a received datagram call {@code builtins.datagram(service).answer(request, source,
 * channel)}; the source filter is applied inside. {@link dev.jwrap.inetd.builtin.BuiltinListener}
 * shows the plain accept/receive loops.
 */
package dev.jwrap.inetd.builtin;
