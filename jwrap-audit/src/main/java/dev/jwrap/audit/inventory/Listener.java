package dev.jwrap.audit.inventory;

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

    /** The address as reports print it: {@code 127.0.0.1} or {@code [::1]}. */
    public String addressText() {
        String host = socket.local().getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return socket.local() instanceof Inet4Address ? host : "[" + compress(host) + "]";
    }

    /** Java prints 0:0:0:0:0:0:0:1; people and ss write ::1. */
    private static String compress(String full) {
        String s = ":" + full + ":";
        String best = null;
        for (String run = ":0:0:0:0:0:0:0:0:"; run.length() >= 5; run = run.substring(2)) {
            if (s.contains(run)) {
                best = run;
                break;
            }
        }
        if (best == null) {
            return full;
        }
        String out = s.replaceFirst(best, "::");
        if (out.startsWith(":") && !out.startsWith("::")) {
            out = out.substring(1);
        }
        if (out.endsWith(":") && !out.endsWith("::")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
