package dev.jwrap.proxy.guard;

import static dev.jwrap.proxy.guard.GuardHarness.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PROXY header on a real connection through the guard, decoded by Netty's HAProxy codec in
 * the backend: the backend learns the real client (address and port) and the address it dialled.
 */
class ProxyProtocolIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} from {1} via {2}")
    @CsvSource(textBlock = """
            V1, 127.0.0.2, 127.0.0.1, TCP4
            V2, 127.0.0.2, 127.0.0.1, TCP4
            V1, ::1,       ::1,       TCP6
            V2, ::1,       ::1,       TCP6
            """)
    void backendSeesTheRealClient(ProxyProtocol version, String from, String host, String protocol) throws Exception {
        try (ProxyHeaderBackend backend = ProxyHeaderBackend.open(host);
                GuardHarness h = GuardHarness.start(dir, backend.address(), version, "", "",
                        UnaryOperator.identity())) {
            try (Socket client = h.connectFrom(from)) {
                assertThat(roundTrip(client, "after the header")).isEqualTo("after the header");
                ProxyHeaderBackend.Received got = backend.next();
                assertThat(got.failure()).isNull();
                assertThat(got.protocol()).isEqualTo(protocol);
                InetSocketAddress local = (InetSocketAddress) client.getLocalSocketAddress();
                assertThat(raw(got.sourceAddress())).isEqualTo(hex(local));
                assertThat(got.sourcePort()).isEqualTo(local.getPort());
                assertThat(raw(got.destinationAddress())).isEqualTo(hex(h.address()));
                assertThat(got.destinationPort()).isEqualTo(h.address().getPort());
            }
        }
    }

    private static String raw(String text) {
        return HexFormat.of().formatHex(NetUtil.createByteArrayFromIpAddressString(text));
    }

    private static String hex(InetSocketAddress address) {
        return HexFormat.of().formatHex(address.getAddress().getAddress());
    }
}
