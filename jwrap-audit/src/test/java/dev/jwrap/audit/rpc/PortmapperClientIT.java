package dev.jwrap.audit.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code PMAPPROC_DUMP} over loopback TCP against a portmapper that answers fixed bytes. */
class PortmapperClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void dumpSendsAnRfc5531CallAndDecodesTheFragmentedReply() throws Exception {
        try (FakePortmapper pm = new FakePortmapper()) {
            var mappings = new PortmapperClient(TIMEOUT).dump(pm.address());

            assertThat(mappings).containsExactly(
                    new RpcMapping(100000, 2, 6, 111), new RpcMapping(100000, 2, 17, 111),
                    new RpcMapping(100005, 3, 6, 20048), new RpcMapping(100005, 3, 17, 20048),
                    new RpcMapping(100024, 1, 17, 41234), new RpcMapping(400123, 1, 6, 7000));
            assertThat(mappings.get(2).transport()).isEqualTo("tcp");
            assertThat(mappings.get(3).transport()).isEqualTo("udp");

            ByteBuffer call = ByteBuffer.wrap(pm.call().get(5, TimeUnit.SECONDS));
            assertThat(call.remaining()).isEqualTo(40);
            call.getInt(); // transaction id: random
            assertThat(HexFormat.of().formatHex(call.array(), 4, 40)).isEqualTo(
                    "00000000" + "00000002" + "000186a0" + "00000002" + "00000004" + "0000000000000000" + "0000000000000000");
        }
    }

    @Test
    void aReplyToAnotherCallOrCutShortIsRefused() {
        byte[] reply = ByteBuffer.allocate(4 + FakePortmapper.REPLY_AFTER_XID.length).putInt(7)
                .put(FakePortmapper.REPLY_AFTER_XID).array();
        assertThatThrownBy(() -> PmapDump.decodeReply(ByteBuffer.wrap(reply), 8)).hasMessageContaining("transaction id");
        assertThatThrownBy(() -> PmapDump.decodeReply(ByteBuffer.wrap(reply, 0, reply.length - 4), 7))
                .hasMessage("reply cut short");
        byte[] denied = HexFormat.of().parseHex("00000007" + "00000001" + "00000001" + "00000000" + "00000002");
        assertThatThrownBy(() -> PmapDump.decodeReply(ByteBuffer.wrap(denied), 7)).hasMessageContaining("denied");
    }

    @Test
    void aServerThatClosesWithoutAnsweringIsAnError() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            Thread.ofPlatform().daemon().start(() -> {
                try (var s = silent.accept()) {
                    s.getInputStream().readNBytes(44); // the whole call, so closing sends FIN, not a reset
                } catch (java.io.IOException e) {
                    // closed by the test
                }
            });
            InetSocketAddress at = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), silent.getLocalPort());
            assertThatThrownBy(() -> new PortmapperClient(TIMEOUT).dump(at)).isInstanceOf(RpcException.class)
                    .hasMessageContaining("closed");
        }
    }
}
