package dev.jwrap.audit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inventory agrees with {@code ss -tulpnH} on the same host (spec §9.1 item 5): protocol,
 * address, port, state and owning pid. Other programs open and close sockets while the test runs,
 * so only sockets that two {@code ss} runs, one before and one after the inventory, both show are
 * compared in that direction, and every inventory entry must be in one of the two runs. The test's
 * own listeners must be in all three, with this JVM's pid. Skipped without ss, failed under
 * {@code CI=true}.
 */
class SsAgreementIT {

    private static final Path SS = Path.of("/usr/bin/ss");
    /** {@code tcp LISTEN 0 128 127.0.0.1:19200 0.0.0.0:* users:(("java",pid=32078,fd=7))} */
    private static final Pattern LINE = Pattern.compile("^(tcp|udp)\\s+(\\S+)\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+|\\*)\\s+\\S+(?:\\s+(.*))?$");
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private final List<NetworkChannel> open = new ArrayList<>();

    @BeforeAll
    static void requireSs() {
        Prerequisites.of("agreement with ss").executable(SS, "apt-get install iproute2").require();
    }

    @AfterEach
    void close() throws Exception {
        for (NetworkChannel c : open) {
            c.close();
        }
    }

    /** One socket as both tools can say it: {@code tcp LISTEN 127.0.0.1:41001}. */
    private record Key(String proto, String state, String address, int port) {}

    @Test
    void addressesPortsStatesAndPidsAgreeWithSs() throws Exception {
        long self = ProcessHandle.current().pid();
        Set<Key> ours = new HashSet<>();
        for (String a : List.of("127.0.0.1", "127.0.0.1", "::1", "::ffff:127.0.0.1")) {
            ours.add(tcp(a));
        }
        ours.add(udp(StandardProtocolFamily.INET, "127.0.0.1"));
        ours.add(udp(StandardProtocolFamily.INET6, "::1"));

        Map<Key, Set<Long>> before = ss();
        Inventory inv = new InventoryReader(Path.of("/")).read();
        Map<Key, Set<Long>> after = ss();

        Map<Key, Listener> jwrap = new HashMap<>();
        for (Listener l : inv.listeners()) {
            if (l.transport() != Transport.RAW) {
                jwrap.put(key(l), l);
            }
        }
        for (Key k : ours) {
            assertThat(before).containsKey(k);
            assertThat(after).containsKey(k);
            assertThat(jwrap).containsKey(k);
            assertThat(before.get(k)).containsExactly(self);
            assertThat(jwrap.get(k).owner().pid()).isEqualTo((int) self);
        }
        int compared = 0;
        for (Map.Entry<Key, Set<Long>> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                continue; // opened or closed while we looked
            }
            compared++;
            assertThat(jwrap).as("jwrap lists what ss lists twice").containsKey(e.getKey());
            Listener l = jwrap.get(e.getKey());
            Set<Long> pids = new HashSet<>(e.getValue());
            pids.retainAll(after.get(e.getKey()));
            if (l.owner() != null && !pids.isEmpty()) {
                assertThat(pids).as("ss's processes for %s", e.getKey()).contains((long) l.owner().pid());
            }
            if (l.owner() == null) {
                assertThat(l.ownerUnknown()).as("no owner for %s: ss shows %s", e.getKey(), e.getValue()).isNotNull();
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(ours.size());
        for (Key k : jwrap.keySet()) {
            assertThat(before.containsKey(k) || after.containsKey(k)).as("ss lists %s too", k).isTrue();
        }
    }

    private static Key key(Listener l) {
        String state = l.transport() == Transport.TCP ? "LISTEN" : "UNCONN";
        return new Key(l.transport().word(), state, l.addressText(), l.port());
    }

    /** Runs ss once: every TCP listener and unconnected UDP socket with its processes' pids. */
    private static Map<Key, Set<Long>> ss() throws Exception {
        ChildProcess.Outcome ss = ChildProcess.run(List.of(SS.toString(), "-tulpnH"), Duration.ofSeconds(30));
        assertThat(ss.status()).as(ss.stderr()).isZero();
        String out = ss.stdout();
        Map<Key, Set<Long>> sockets = new HashMap<>();
        for (String line : out.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Set<Long> pids = new HashSet<>();
            Matcher pid = PID.matcher(m.group(5) == null ? "" : m.group(5));
            while (pid.find()) {
                pids.add(Long.parseLong(pid.group(1)));
            }
            sockets.merge(new Key(m.group(1), m.group(2), address(m.group(3)), Integer.parseInt(m.group(4))), pids,
                    (a, b) -> {
                        a.addAll(b);
                        return a;
                    });
        }
        return sockets;
    }

    /** ss's address as jwrap prints it: no zone, {@code *} is the IPv6 wildcard, mapped IPv4 as IPv4. */
    private static String address(String ss) {
        String a = ss.replaceFirst("%[^\\]]*", "");
        if (a.equals("*")) {
            return "[::]";
        }
        if (a.startsWith("[::ffff:") && a.indexOf('.') > 0) {
            return a.substring("[::ffff:".length(), a.length() - 1);
        }
        if (a.startsWith("[")) {
            String inner = a.substring(1, a.length() - 1);
            return "[" + dev.jwrap.core.internal.AddressText.formatV6(InetAddress.ofLiteral(inner).getAddress()) + "]";
        }
        return a;
    }

    private Key tcp(String address) throws Exception {
        InetAddress a = InetAddress.ofLiteral(address);
        ServerSocketChannel s = ServerSocketChannel.open(address.contains(":") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        open.add(s);
        s.bind(new InetSocketAddress(a, 0));
        int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
        String text = address.startsWith("::ffff:") ? address.substring(7) : address.contains(":") ? "[" + address + "]" : address;
        return new Key("tcp", "LISTEN", text, port);
    }

    private Key udp(StandardProtocolFamily family, String address) throws Exception {
        DatagramChannel d = DatagramChannel.open(family);
        open.add(d);
        d.bind(new InetSocketAddress(InetAddress.ofLiteral(address), 0));
        int port = ((InetSocketAddress) d.getLocalAddress()).getPort();
        return new Key("udp", "UNCONN", family == StandardProtocolFamily.INET6 ? "[" + address + "]" : address, port);
    }
}
