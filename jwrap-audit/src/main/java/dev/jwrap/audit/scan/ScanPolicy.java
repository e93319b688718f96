package dev.jwrap.audit.scan;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may be scanned (spec §3.3): without a flag only this host, that is loopback addresses and the
 * addresses of its own interfaces; any other address needs {@code --remote}, and one outside
 * private, unique-local and link-local space also {@code --public}. The wildcard and multicast
 * addresses are never probed. Immutable.
 */
public final class ScanPolicy {

    private final Set<InetAddress> own;

    private ScanPolicy(Set<InetAddress> own) {
        this.own = Set.copyOf(own);
    }

    /** The policy for this host: its interface addresses are read once. */
    public static ScanPolicy forThisHost() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
                nif.inetAddresses().forEach(a -> own.add(withoutScope(a)));
            }
        } catch (SocketException e) {
            // no interface list: only loopback counts as this host
        }
        return new ScanPolicy(own);
    }

    /** The addresses of this host's interfaces, without scope. */
    public Set<InetAddress> ownAddresses() {
        return own;
    }

    /** A policy with the given own addresses (tests). */
    static ScanPolicy of(Set<InetAddress> own) {
        return new ScanPolicy(own);
    }

    /**
     * Null when every address may be scanned, else the one-line reason for refusing.
     *
     * @param target the name or address as given, for the message
     */
    public String refusal(String target, List<InetAddress> addresses, boolean remote, boolean publicToo) {
        for (InetAddress a : addresses) {
            if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                return target + " (" + a.getHostAddress() + ") is a wildcard or multicast address: never probed";
            }
            if (a.isLoopbackAddress() || own.contains(withoutScope(a))) {
                continue;
            }
            if (!remote) {
                return target + " (" + a.getHostAddress() + ") is not this host: scanning it needs --remote "
                        + "(and the authority to scan it)";
            }
            if (!publicToo && !a.isSiteLocalAddress() && !a.isLinkLocalAddress() && !isUniqueLocal(a)) {
                return target + " (" + a.getHostAddress() + ") is a public address: scanning it needs --public as well";
            }
        }
        return null;
    }

    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    private static InetAddress withoutScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }
}
