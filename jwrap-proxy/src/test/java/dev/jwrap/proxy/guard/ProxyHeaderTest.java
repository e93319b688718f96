package dev.jwrap.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our headers as Netty's decoder reads them: version, family, addresses and ports. */
class ProxyHeaderTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            V1, 192.0.2.7,   198.51.100.1, TCP4, 192.0.2.7,        198.51.100.1
            V2, 192.0.2.7,   198.51.100.1, TCP4, 192.0.2.7,        198.51.100.1
            V1, 2001:db8::7, 2001:db8::1,  TCP6, 2001:db8::7,      2001:db8::1
            V2, 2001:db8::7, 2001:db8::1,  TCP6, 2001:db8::7,      2001:db8::1
            V1, 192.0.2.7,   2001:db8::1,  TCP6, ::ffff:192.0.2.7, 2001:db8::1
            V2, 192.0.2.7,   2001:db8::1,  TCP6, ::ffff:192.0.2.7, 2001:db8::1
            """)
    void encode_isDecodedByNetty(ProxyProtocol version, String client, String server, String protocol,
            String decodedClient, String decodedServer) {
        var bytes = ProxyHeader.encode(version, new InetSocketAddress(client, 40000), new InetSocketAddress(server, 22));
        EmbeddedChannel channel = new EmbeddedChannel(new HAProxyMessageDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes), Unpooled.copiedBuffer("payload", StandardCharsets.US_ASCII));
        HAProxyMessage message = channel.readInbound();
        try {
            assertThat(message.protocolVersion())
                    .isEqualTo(version == ProxyProtocol.V1 ? HAProxyProtocolVersion.V1 : HAProxyProtocolVersion.V2);
            assertThat(message.proxiedProtocol().name()).isEqualTo(protocol);
            assertThat(raw(message.sourceAddress())).isEqualTo(raw(decodedClient));
            assertThat(raw(message.destinationAddress())).isEqualTo(raw(decodedServer));
            assertThat(message.sourcePort()).isEqualTo(40000);
            assertThat(message.destinationPort()).isEqualTo(22);
        } finally {
            message.release();
            channel.finishAndReleaseAll();
        }
    }

    /** The address bytes, so text forms compare by value and a mapped address stays 16 bytes. */
    private static String raw(String address) {
        return java.util.HexFormat.of().formatHex(NetUtil.createByteArrayFromIpAddressString(address));
    }
}
