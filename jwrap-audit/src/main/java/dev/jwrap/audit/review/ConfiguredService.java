package dev.jwrap.audit.review;

/**
 * A service that a super-server or systemd offers according to its configuration, whatever the
 * configuration's format. Immutable.
 *
 * @param kind {@code inetd}, {@code xinetd} or {@code systemd}
 * @param file the file that enables it
 * @param line the line there
 * @param name the service name ({@code telnet}, {@code rstatd}, {@code chargen-dgram})
 * @param transport {@code tcp} or {@code udp}
 * @param port the port, -1 when unknown (RPC, unknown name, a path)
 * @param server the program that serves it, {@code internal} for a built-in
 * @param daemon the name hosts.allow knows it by
 * @param wrapped whether tcpd (or libwrap in xinetd) checks hosts.allow before it runs
 * @param restricted whether the super-server itself limits the clients (xinetd only_from,
 *     systemd IPAddressAllow)
 */
public record ConfiguredService(String kind, String file, int line, String name, String transport, int port,
        String server, String daemon, boolean wrapped, boolean restricted) {}
