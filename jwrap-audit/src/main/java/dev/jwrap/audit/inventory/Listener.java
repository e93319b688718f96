package dev.jwrap.audit.inventory;

import dev.jwrap.core.internal.AddressText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One listening socket of the host with what is known about its owner. Immutable.
 *
 * @param socket the socket line it comes from
 * @param exposure who can reach it
 * @param dualStack for an IPv6 wildcard listener: {@code "unknown"} (/proc does not show
 *     IPV6_V6ONLY) or {@code "false-inferred"} (an IPv4 socket holds the same port, so this one is
 *     almost certainly IPv6-only); null for every other listener
 * @param owner the process that owns it (the root of the tree of holders), null when not visible
 * @param ownerUnknown why the owner is null: {@code "permission"} (some descriptor tables could not
 *     be read) or {@code "not-found"} (no process visible here holds it); null when the owner is known
 * @param holders every process holding the socket, owner first
 * @param user the name of the uid that created the socket, or the number as text
 */
public record Listener(SocketLine socket, Exposure exposure, String dualStack, ProcessInfo owner,
        String ownerUnknown, List<ProcessInfo> holders, String user) {

    public Listener {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(exposure, "exposure");
        holders = List.copyOf(holders);
    }

    public Transport transport() {
        return socket.transport();
    }

    public InetAddress address() {
        return socket.local();
    }

    public int port() {
        return socket.localPort();
    }

    /** {@code ipv4} or {@code ipv6}: the family clients use (a mapped address counts as IPv4). */
    public String family() {
        return socket.local() instanceof Inet4Address ? "ipv4" : "ipv6";
    }

    /** The address as reports print it: {@code 127.0.0.1} or {@code [::1]} (glibc's numeric form, as ss prints). */
    public String addressText() {
        return socket.local() instanceof Inet4Address
                ? socket.local().getHostAddress()
                : "[" + AddressText.formatV6(socket.local().getAddress()) + "]";
    }
}
