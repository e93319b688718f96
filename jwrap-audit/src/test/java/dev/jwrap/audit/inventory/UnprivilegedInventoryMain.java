package dev.jwrap.audit.inventory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link UnprivilegedInventoryIT} as an unprivileged user: opens the 25 listeners of spec
 * §9.1 item 1, reads the inventory, and prints what it found about them and about the root-owned
 * listener on the port given as the argument:
 * {@code own N}, {@code root OWNER UNKNOWN UID}, then one {@code limitation TEXT} line each.
 */
public final class UnprivilegedInventoryMain {

    private UnprivilegedInventoryMain() {}

    public static void main(String[] args) throws Exception {
        int rootPort = Integer.parseInt(args[0]);
        List<AutoCloseable> open = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            wanted.add("tcp 127.0.0.1:" + tcp(open, StandardProtocolFamily.INET, "127.0.0.1"));
        }
        wanted.add("tcp [::1]:" + tcp(open, StandardProtocolFamily.INET6, "::1"));
        wanted.add("tcp [::1]:" + tcp(open, StandardProtocolFamily.INET6, "::1"));
        wanted.add("tcp 127.0.0.1:" + tcp(open, StandardProtocolFamily.INET6, "::ffff:127.0.0.1"));
        wanted.add("udp 127.0.0.1:" + udp(open, StandardProtocolFamily.INET, "127.0.0.1"));
        wanted.add("udp [::1]:" + udp(open, StandardProtocolFamily.INET6, "::1"));

        Inventory inv = new InventoryReader(Path.of("/")).read();
        int self = (int) ProcessHandle.current().pid();
        long own = inv.listeners().stream()
                .filter(l -> wanted.contains(l.transport().word() + " " + l.addressText() + ":" + l.port()))
                .filter(l -> l.owner() != null && l.owner().pid() == self)
                .count();
        System.out.println("own " + own);
        inv.listeners().stream().filter(l -> l.transport() == Transport.TCP && l.port() == rootPort).findFirst()
                .ifPresent(l -> System.out.println("root " + l.owner() + " " + l.ownerUnknown() + " " + l.socket().uid()));
        inv.limitations().forEach(l -> System.out.println("limitation " + l));
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static int tcp(List<AutoCloseable> open, StandardProtocolFamily family, String address) throws Exception {
        ServerSocketChannel s = ServerSocketChannel.open(family);
        open.add(s);
        s.bind(new InetSocketAddress(InetAddress.ofLiteral(address), 0));
        return ((InetSocketAddress) s.getLocalAddress()).getPort();
    }

    private static int udp(List<AutoCloseable> open, StandardProtocolFamily family, String address) throws Exception {
        DatagramChannel d = DatagramChannel.open(family);
        open.add(d);
        d.bind(new InetSocketAddress(InetAddress.ofLiteral(address), 0));
        return ((InetSocketAddress) d.getLocalAddress()).getPort();
    }
}
