package dev.jwrap.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.host.embed.EmbeddedAccess;
import dev.jwrap.host.embed.TestTables;
import dev.jwrap.host.log.RecordingSyslog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JwrapAccessHandler} on Netty's {@link EmbeddedChannel}: what downstream handlers see, in
 * which order, and what is written, without sockets. Checks are queued instead of run on their
 * own threads, so the test decides when a verdict comes (on the embedded event loop's thread).
 */
class JwrapAccessHandlerTest {

    @TempDir
    Path dir;

    private final RecordingSyslog log = new RecordingSyslog();
    private final Queue<Runnable> checks = new ArrayDeque<>();
    private JwrapAccessHandler handler;

    /** What reached the handler after the access handler, as short strings. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        AccessPolicy policy = TestTables.write(dir, "myd", """
                myd: 192.0.2.1 : banners ALLOW_BANNERS
                """, """
                myd: ALL : banners DENY_BANNERS
                """).policy();
        handler = new JwrapAccessHandler(EmbeddedAccess.builder("myd", () -> policy, log).executor(checks::add).build());
    }

    private final class Downstream extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            seen.add("active");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add(msg instanceof HAProxyMessage h ? "header " + h.sourceAddress()
                    : "data " + ((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            seen.add("exception " + cause);
        }
    }

    private static ByteBuf bytes(byte[] b) {
        return Unpooled.wrappedBuffer(b);
    }

    /** Runs the queued check, then the event loop task that applies its verdict. */
    private void decide(EmbeddedChannel channel) {
        assertThat(checks).hasSize(1);
        checks.remove().run();
        channel.runPendingTasks();
    }

    @Test
    void allowedChannelIsActivatedAfterTheBannerThenGetsHeaderAndDataInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel(new HAProxyMessageDecoder(), handler, new Downstream());
        channel.writeInbound(bytes(ProxyHeaders.concat(ProxyHeaders.v1("192.0.2.1", "192.0.2.9", 4000, 7),
                "first".getBytes(StandardCharsets.US_ASCII))));
        assertThat(seen).as("nothing passes before the verdict").isEmpty();
        assertThat((Object) channel.readOutbound()).isNull();
        decide(channel);
        channel.writeInbound(bytes("second".getBytes(StandardCharsets.US_ASCII)));
        assertThat(seen).containsExactly("active", "header 192.0.2.1", "data first", "data second");
        ByteBuf banner = channel.readOutbound();
        assertThat(banner.toString(StandardCharsets.US_ASCII)).isEqualTo(TestTables.allowBanner("192.0.2.1"));
        banner.release();
        assertThat(channel.pipeline().get(JwrapAccessHandler.class)).as("removed itself").isNull();
        assertThat(log.messages()).contains("connect from 192.0.2.1 (192.0.2.1)");
        channel.finishAndReleaseAll();
    }

    @Test
    void refusedChannelGetsItsBannerAndIsClosedUnseen() {
        EmbeddedChannel channel = new EmbeddedChannel(new HAProxyMessageDecoder(), handler, new Downstream());
        channel.writeInbound(bytes(ProxyHeaders.concat(ProxyHeaders.v2("192.0.2.66", "192.0.2.9", 4000, 7),
                "data".getBytes(StandardCharsets.US_ASCII))));
        decide(channel);
        assertThat(channel.isOpen()).isFalse();
        ByteBuf banner = channel.readOutbound();
        assertThat(banner.toString(StandardCharsets.US_ASCII)).isEqualTo(TestTables.denyBanner("192.0.2.66"));
        banner.release();
        assertThat(seen).isEmpty();
        assertThat(log.messages()).contains("refused connect from 192.0.2.66 (192.0.2.66)");
        channel.finishAndReleaseAll();
    }

    @Test
    void handlerAddedToAnActiveChannelChecksOnTheFirstRead() {
        EmbeddedChannel channel = new EmbeddedChannel(new HAProxyMessageDecoder(), new Downstream());
        channel.pipeline().addAfter(channel.pipeline().context(HAProxyMessageDecoder.class).name(), "access", handler);
        assertThat(seen).containsExactly("active"); // before the handler was there
        channel.writeInbound(bytes(ProxyHeaders.v1("192.0.2.1", "192.0.2.9", 4000, 7)));
        assertThat(seen).containsExactly("active");
        decide(channel);
        assertThat(seen).containsExactly("active", "header 192.0.2.1");
        channel.finishAndReleaseAll();
    }

    @Test
    void channelWithoutAnIpAddressIsRefusedWithALogLine() {
        EmbeddedChannel channel = new EmbeddedChannel(handler, new Downstream());
        assertThat(channel.isOpen()).isFalse();
        assertThat(seen).isEmpty();
        assertThat(log.messages()).singleElement().satisfies(m -> assertThat(m).startsWith("myd: refused connection from ")
                .endsWith(": not an IP address"));
    }
}
