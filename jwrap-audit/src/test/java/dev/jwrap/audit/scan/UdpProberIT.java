package dev.jwrap.audit.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UDP probes against datagram sockets this test binds on loopback: an echo server, a silent one, an unbound port. */
class UdpProberIT {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void anEchoServerIsOpen_aSilentSocketOpenFiltered_anUnboundPortClosed(String address) throws Exception {
        InetAddress loopback = InetAddress.ofLiteral(address);
        StandardProtocolFamily family = address.contains(":") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        try (DatagramChannel echo = DatagramChannel.open(family);
                DatagramChannel silent = DatagramChannel.open(family);
                DatagramChannel unbound = DatagramChannel.open(family)) {
            echo.bind(new InetSocketAddress(loopback, 0));
            silent.bind(new InetSocketAddress(loopback, 0));
            unbound.bind(new InetSocketAddress(loopback, 0));
            int closedPort = ((InetSocketAddress) unbound.getLocalAddress()).getPort();
            unbound.close(); // a port that was free a moment ago: nothing listens there now
            Thread server = Thread.ofPlatform().daemon().start(() -> echoOnce(echo));

            Map<Integer, UdpService> ports = new LinkedHashMap<>();
            ports.put(port(echo), UdpService.ECHO);
            ports.put(port(silent), UdpService.DAYTIME);
            ports.put(closedPort, UdpService.TIME);
            long start = System.nanoTime();
            var results = new UdpProber(Duration.ofMillis(300), 2).probe(loopback, ports);
            long took = (System.nanoTime() - start) / 1_000_000;

            assertThat(results).extracting(r -> r.service() + "=" + r.state()).containsExactlyInAnyOrder(
                    "ECHO=open", "DAYTIME=open|filtered", "TIME=closed");
            assertThat(took).as("two tries of 300 ms, and the bookkeeping").isLessThan(2 * 300 + 500);
            server.join(5000);
        }
    }

    /** Answers the first datagram with its own bytes, as RFC 862 asks. */
    private static void echoOnce(DatagramChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(2048);
            var from = ch.receive(b);
            b.flip();
            ch.send(b, from);
        } catch (java.io.IOException e) {
            // the test closed the socket
        }
    }

    private static int port(DatagramChannel ch) throws java.io.IOException {
        return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }
}
