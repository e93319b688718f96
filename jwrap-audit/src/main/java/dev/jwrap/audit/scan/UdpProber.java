package dev.jwrap.audit.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Probes UDP services (spec §3.2): one <em>connected</em> datagram channel per port, so that the
 * kernel reports an ICMP port unreachable as {@link PortUnreachableException} on that channel. A
 * reply means open, the ICMP error closed, silence after every try {@code open|filtered}. All ports
 * are probed at once; the whole probe takes at most {@code tries × wait}. Not thread-safe.
 */
public final class UdpProber {

    /** Loopback answers (or refuses) at once. */
    public static final Duration LOOPBACK_WAIT = Duration.ofMillis(300);
    /** A remote host gets longer per try. */
    public static final Duration REMOTE_WAIT = Duration.ofSeconds(1);
    private static final int REPLY_BUFFER = 2048;

    private final Duration wait;
    private final int tries;

    /**
     * @param wait how long to wait for answers after each round of requests
     * @param tries rounds of requests before silence counts as {@code open|filtered}
     */
    public UdpProber(Duration wait, int tries) {
        if (tries < 1 || wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("need at least one try and a positive wait");
        }
        this.wait = wait;
        this.tries = tries;
    }

    /** Probes each service on its well-known port. */
    public List<UdpProbeResult> probe(InetAddress target, List<UdpService> services) throws IOException {
        Map<Integer, UdpService> ports = new LinkedHashMap<>();
        services.forEach(s -> ports.put(s.port(), s));
        return probe(target, ports);
    }

    /**
     * Probes the given ports, each with the request of its service; results by port.
     *
     * @throws IOException when no socket can be opened
     */
    public List<UdpProbeResult> probe(InetAddress target, Map<Integer, UdpService> ports) throws IOException {
        Map<Integer, String> states = new LinkedHashMap<>();
        try (Selector selector = Selector.open()) {
            Map<Integer, DatagramChannel> pending = new LinkedHashMap<>();
            try {
                for (int port : ports.keySet()) {
                    DatagramChannel ch = DatagramChannel.open();
                    pending.put(port, ch);
                    ch.configureBlocking(false);
                    ch.connect(new InetSocketAddress(target, port));
                    ch.register(selector, SelectionKey.OP_READ, port);
                }
                for (int round = 0; round < tries && !pending.isEmpty(); round++) {
                    for (Map.Entry<Integer, DatagramChannel> e : pending.entrySet()) {
                        send(e.getValue(), ports.get(e.getKey()), e.getKey(), states);
                    }
                    pending.keySet().removeAll(states.keySet());
                    collect(selector, pending, states);
                }
            } finally {
                for (DatagramChannel ch : pending.values()) {
                    ch.close();
                }
            }
        }
        List<UdpProbeResult> out = new ArrayList<>();
        ports.forEach((port, service) -> out.add(new UdpProbeResult(port, service,
                states.getOrDefault(port, UdpProbeResult.OPEN_FILTERED))));
        out.sort(Comparator.comparingInt(UdpProbeResult::port));
        return out;
    }

    private static void send(DatagramChannel ch, UdpService service, int port, Map<Integer, String> states)
            throws IOException {
        try {
            ch.write(ByteBuffer.wrap(service.request()));
        } catch (PortUnreachableException e) {
            states.put(port, UdpProbeResult.CLOSED); // the refusal of an earlier round arrived in between
            ch.close();
        }
    }

    /** Reads answers and refusals until every channel has one or the round's wait is over. */
    private void collect(Selector selector, Map<Integer, DatagramChannel> pending, Map<Integer, String> states)
            throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        ByteBuffer buffer = ByteBuffer.allocate(REPLY_BUFFER);
        while (!pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            selector.select(Math.max(1, left / 1_000_000));
            for (SelectionKey key : selector.selectedKeys()) {
                int port = (Integer) key.attachment();
                DatagramChannel ch = (DatagramChannel) key.channel();
                try {
                    buffer.clear();
                    // read, not receive: only read reports the ICMP refusal of a connected channel; the
                    // key is ready, so 0 bytes is an empty datagram, which is an answer too
                    ch.read(buffer);
                    states.put(port, UdpProbeResult.OPEN);
                } catch (PortUnreachableException e) {
                    states.put(port, UdpProbeResult.CLOSED);
                }
                pending.remove(port);
                ch.close();
            }
            selector.selectedKeys().clear();
        }
    }
}
