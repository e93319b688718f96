package dev.jwrap.audit.scan;

import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.inventory.Transport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code jwrap audit --scan} (spec §3.4): connects to this host's own addresses, loopback first, on
 * the ports its TCP listeners should answer there (bound to that address or to the wildcard), so the
 * report can put what is reachable next to what listens. A listener that scans as filtered points at
 * a local firewall rule. Not thread-safe.
 */
public final class SelfScan {

    private final ChannelOpener opener;
    private final Set<InetAddress> ownAddresses;

    public SelfScan(ChannelOpener opener, Set<InetAddress> ownAddresses) {
        this.opener = opener;
        this.ownAddresses = Set.copyOf(ownAddresses);
    }

    /** One result per address that has listeners to try. */
    public List<ScanResult> scan(List<Listener> listeners) throws IOException {
        Set<InetAddress> targets = new LinkedHashSet<>();
        targets.add(InetAddress.getByName("127.0.0.1"));
        targets.add(InetAddress.getByName("::1"));
        targets.addAll(ownAddresses.stream().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .sorted((a, b) -> a.getHostAddress().compareTo(b.getHostAddress())).collect(Collectors.toList()));
        List<ScanResult> out = new ArrayList<>();
        for (InetAddress target : targets) {
            BitSet ports = new BitSet(65536);
            for (Listener l : listeners) {
                if (l.transport() == Transport.TCP && answersOn(l, target)) {
                    ports.set(l.port());
                }
            }
            if (ports.isEmpty()) {
                continue;
            }
            String list = ports.stream().mapToObj(Integer::toString).collect(Collectors.joining(","));
            ScanTiming timing = target.isLoopbackAddress() ? ScanTiming.LOOPBACK : ScanTiming.DEFAULT;
            out.add(new ConnectScanner(opener, timing, new Random()).scan(target, PortList.parse(list)));
        }
        return out;
    }

    /** Whether a listener should accept a connection to {@code target}. */
    private static boolean answersOn(Listener l, InetAddress target) {
        InetAddress bound = l.address();
        if (bound.equals(target)) {
            return true;
        }
        if (!bound.isAnyLocalAddress()) {
            return false;
        }
        // 0.0.0.0 answers IPv4; :: answers IPv6, and IPv4 too unless it is IPv6-only (not visible in /proc)
        return bound instanceof Inet4Address ? target instanceof Inet4Address : true;
    }
}
