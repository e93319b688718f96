package dev.jwrap.audit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real /proc of this host, with listeners this test opens on loopback. */
class InventoryIT {

    private final List<java.io.Closeable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (java.io.Closeable c : open) {
            c.close();
        }
    }

    @Test
    void findsTheTestsOwnListenersWithItsPidAndCommandLine() throws Exception {
        List<Integer> v4 = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            v4.add(tcp(StandardProtocolFamily.INET, "127.0.0.1"));
        }
        int v6a = tcp(StandardProtocolFamily.INET6, "::1");
        int v6b = tcp(StandardProtocolFamily.INET6, "::1");
        int mapped = tcp(StandardProtocolFamily.INET6, "::ffff:127.0.0.1");
        int udp4 = udp(StandardProtocolFamily.INET, "127.0.0.1");
        int udp6 = udp(StandardProtocolFamily.INET6, "::1");

        Inventory inv = new InventoryReader(Path.of("/")).read();
        long pid = ProcessHandle.current().pid();

        for (int port : v4) {
            assertThat(find(inv, Transport.TCP, "127.0.0.1", port)).hasValueSatisfying(l -> ownedByUs(l, pid));
        }
        assertThat(find(inv, Transport.TCP, "[::1]", v6a)).hasValueSatisfying(l -> ownedByUs(l, pid));
        assertThat(find(inv, Transport.TCP, "[::1]", v6b)).hasValueSatisfying(l -> ownedByUs(l, pid));
        assertThat(find(inv, Transport.TCP, "127.0.0.1", mapped)).hasValueSatisfying(l -> {
            ownedByUs(l, pid);
            assertThat(l.socket().ipv6Socket()).isTrue();
            assertThat(l.socket().mapped()).isTrue();
            assertThat(l.family()).isEqualTo("ipv4");
        });
        assertThat(find(inv, Transport.UDP, "127.0.0.1", udp4)).hasValueSatisfying(l -> ownedByUs(l, pid));
        assertThat(find(inv, Transport.UDP, "[::1]", udp6)).hasValueSatisfying(l -> ownedByUs(l, pid));
    }

    private static void ownedByUs(Listener l, long pid) {
        assertThat(l.owner()).as("owner of %s:%d", l.addressText(), l.port()).isNotNull();
        assertThat(l.owner().pid()).isEqualTo(pid);
        assertThat(l.owner().comm()).isEqualTo("java");
        assertThat(l.owner().exe()).endsWith("/bin/java");
        assertThat(l.owner().cmdline()).isEqualTo(ProcessHandle.current().info().arguments()
                .map(args -> {
                    List<String> all = new ArrayList<>();
                    all.add(l.owner().cmdline().getFirst());
                    all.addAll(List.of(args));
                    return all;
                }).orElse(l.owner().cmdline()));
        assertThat(l.exposure()).isEqualTo(Exposure.LOOPBACK);
        assertThat(l.holders()).extracting(ProcessInfo::pid).contains((int) pid);
    }

    private static Optional<Listener> find(Inventory inv, Transport t, String address, int port) {
        return inv.listeners().stream()
                .filter(l -> l.transport() == t && l.addressText().equals(address) && l.port() == port)
                .findFirst();
    }

    private int tcp(StandardProtocolFamily family, String address) throws Exception {
        ServerSocketChannel s = ServerSocketChannel.open(family);
        open.add(s);
        s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        return ((InetSocketAddress) s.getLocalAddress()).getPort();
    }

    private int udp(StandardProtocolFamily family, String address) throws Exception {
        DatagramChannel d = DatagramChannel.open(family);
        open.add(d);
        d.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        return ((InetSocketAddress) d.getLocalAddress()).getPort();
    }
}
