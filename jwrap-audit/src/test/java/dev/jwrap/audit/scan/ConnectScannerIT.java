package dev.jwrap.audit.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.inventory.Inventory;
import dev.jwrap.audit.inventory.InventoryReader;
import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.inventory.Transport;
import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scanner against {@code nmap -sT} on loopback listeners the test opens, in the same test. Other
 * processes on this machine open and close loopback listeners at any time, so the comparison is
 * bounded by two inventories taken around the scans: a port listening on 127.0.0.1 or 0.0.0.0 in both
 * must be open in both scans, the two scans may differ only on ports that were not listening in both
 * inventories (someone else's short-lived listeners), and ports the test opened and closed again
 * before the scans are closed in both.
 */
class ConnectScannerIT {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void findsTheSameOpenPortsAsNmap() throws Exception {
        Prerequisites.of("comparison with nmap").executable("/usr/bin/nmap", "apt-get install nmap").require();
        Set<Integer> ours = new TreeSet<>();
        Set<Integer> closedAgain = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            try (ServerSocketChannel gone = ServerSocketChannel.open()) {
                gone.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                closedAgain.add(((InetSocketAddress) gone.getLocalAddress()).getPort());
            }
        }
        for (int i = 0; i < 20; i++) {
            ServerSocketChannel s = ServerSocketChannel.open();
            open.add(s);
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            ours.add(((InetSocketAddress) s.getLocalAddress()).getPort());
        }
        ServerSocketChannel v6only = ServerSocketChannel.open(java.net.StandardProtocolFamily.INET6);
        open.add(v6only);
        v6only.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        int v6port = ((InetSocketAddress) v6only.getLocalAddress()).getPort();

        Set<Integer> before = ipv4Listeners();
        ScanResult jwrap = new ConnectScanner(ChannelOpener.SYSTEM, ScanTiming.LOOPBACK, new Random(1))
                .scan(InetAddress.getByName("127.0.0.1"), PortList.parse("-"));
        Set<Integer> fromNmap = nmap("127.0.0.1");
        Set<Integer> after = ipv4Listeners();

        Set<Integer> must = new TreeSet<>(before);
        must.retainAll(after);
        assertThat(must).containsAll(ours);
        assertThat(jwrap.open()).containsAll(must).doesNotContain(v6port).doesNotContainAnyElementsOf(closedAgain);
        assertThat(fromNmap).containsAll(must).doesNotContain(v6port).doesNotContainAnyElementsOf(closedAgain);
        Set<Integer> differ = new TreeSet<>(jwrap.open());
        differ.addAll(fromNmap);
        Set<Integer> both = new TreeSet<>(jwrap.open());
        both.retainAll(fromNmap);
        differ.removeAll(both);
        assertThat(differ).as("ports only one scanner found open").doesNotContainAnyElementsOf(must);
        assertThat(jwrap.filtered()).isEmpty();
        assertThat(jwrap.closed() + jwrap.open().size()).isEqualTo(65535);
    }

    @Test
    void ipv6FindsOnlyTheIpv6Listener_andAClosedPortIsClosed() throws Exception {
        ServerSocketChannel v6 = ServerSocketChannel.open(java.net.StandardProtocolFamily.INET6);
        open.add(v6);
        v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        int port = ((InetSocketAddress) v6.getLocalAddress()).getPort();
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            free = s.getLocalPort();
        }
        ScanResult r6 = new ConnectScanner(ChannelOpener.SYSTEM, ScanTiming.LOOPBACK, new Random(2))
                .scan(InetAddress.getByName("::1"), PortList.parse(port + "," + free));
        assertThat(r6.open()).containsExactly(port);
        ScanResult r4 = new ConnectScanner(ChannelOpener.SYSTEM, ScanTiming.LOOPBACK, new Random(3))
                .scan(InetAddress.getByName("127.0.0.1"), PortList.parse(port + "," + free));
        assertThat(r4.open()).as("the ::1 listener is not reachable over IPv4").doesNotContain(port);
        assertThat(r4.closed()).isGreaterThanOrEqualTo(1);
    }

    /** TCP ports listening where 127.0.0.1 reaches them (127.0.0.1, 0.0.0.0, mapped, or the IPv6 wildcard). */
    private static Set<Integer> ipv4Listeners() throws IOException {
        Inventory inv = new InventoryReader(Path.of("/")).read();
        Set<Integer> ports = new HashSet<>();
        for (Listener l : inv.listeners()) {
            if (l.transport() == Transport.TCP && ("127.0.0.1".equals(l.address().getHostAddress())
                    || l.address().isAnyLocalAddress())) {
                ports.add(l.port());
            }
        }
        return ports;
    }

    private static Set<Integer> nmap(String target) throws Exception {
        String out = ChildProcess.run(new ProcessBuilder("nmap", "-sT", "-p-", "-T5", "-n", "-oG", "-", target)
                .redirectErrorStream(true), Duration.ofMinutes(2)).stdout();
        Set<Integer> ports = new TreeSet<>();
        Matcher m = Pattern.compile("(\\d+)/open/tcp").matcher(out);
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }
}
