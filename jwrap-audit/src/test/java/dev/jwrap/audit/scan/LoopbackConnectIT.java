package dev.jwrap.audit.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loopback fast path against real listeners: one socket goes through many refusals and must
 * still see a listener afterwards (the reused socket), and a listener must not hide the closed ports
 * probed after it (the socket it used up is replaced).
 */
class LoopbackConnectIT {

    @Test
    void reusedSocketTellsOpenFromClosedOverAndOver_ipv4() throws Exception {
        alternates(InetAddress.getByName("127.0.0.1"), StandardProtocolFamily.INET);
    }

    @Test
    void reusedSocketTellsOpenFromClosedOverAndOver_ipv6() throws Exception {
        alternates(InetAddress.getByName("::1"), StandardProtocolFamily.INET6);
    }

    @Test
    void notLoopbackHasNoFastPath() throws Exception {
        assertThat(LoopbackConnect.forTarget(InetAddress.getByName("192.0.2.1"), 50)).isNull();
    }

    private static void alternates(InetAddress loopback, StandardProtocolFamily family) throws Exception {
        List<Integer> closed = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // ports that were free a moment ago: bound, then released
            try (ServerSocketChannel gone = ServerSocketChannel.open(family)) {
                gone.bind(new InetSocketAddress(loopback, 0));
                closed.add(((InetSocketAddress) gone.getLocalAddress()).getPort());
            }
        }
        try (ServerSocketChannel listener = ServerSocketChannel.open(family);
                LoopbackConnect fast = LoopbackConnect.forTarget(loopback, 300)) {
            listener.bind(new InetSocketAddress(loopback, 0), 64);
            int open = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            assertThat(fast).as("fast path on Linux with native access").isNotNull();
            for (int round = 0; round < 10; round++) {
                for (int port : closed) {
                    assertThat(fast.probe(port)).as("port %d, round %d", port, round).isEqualTo(LoopbackConnect.CLOSED);
                }
                assertThat(fast.probe(open)).as("listener, round %d", round).isEqualTo(LoopbackConnect.OPEN);
                listener.configureBlocking(false);
                SocketChannel accepted;
                while ((accepted = listener.accept()) != null) { // drain: the probe's reset may already be there
                    accepted.close();
                }
            }
        }
    }
}
