package dev.jwrap.netty;

import dev.jwrap.host.embed.EmbeddedAccess;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a real Netty server (NIO transport, one event loop thread) on 127.0.0.1 whose
 * child pipeline is [HAProxyMessageDecoder]? + {@link JwrapAccessHandler} + a small service that
 * greets with {@code hello}, echoes, and records what it saw.
 */
final class TestServer implements AutoCloseable {

    static final String HELLO = "hello\r\n";

    /** What the service behind the handler saw of one channel. */
    record Seen(InetSocketAddress remote, boolean keepalive) {}

    final List<Seen> active = new CopyOnWriteArrayList<>();
    final List<HAProxyMessage> headers = new CopyOnWriteArrayList<>();
    /** Exceptions other than I/O errors that reached the service. */
    final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;

    TestServer(EmbeddedAccess access, boolean proxied, Duration headerTimeout) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new Pipeline(new JwrapAccessHandler(access, headerTimeout), proxied))
                .bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0))
                .sync()
                .channel();
    }

    /** [HAProxyMessageDecoder]? + the access handler under test + the service. */
    private final class Pipeline extends ChannelInitializer<SocketChannel> {
        private final JwrapAccessHandler filter;
        private final boolean proxied;

        Pipeline(JwrapAccessHandler filter, boolean proxied) {
            this.filter = filter;
            this.proxied = proxied;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            ChannelPipeline pipeline = ch.pipeline();
            pipeline.addLast(proxied ? new ChannelHandler[] {new HAProxyMessageDecoder()} : new ChannelHandler[0]);
            pipeline.addLast(filter, new Service());
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Whether the service saw a channel from {@code address} (any port). */
    boolean sawClient(String address) {
        return active.stream().anyMatch(s -> s.remote().getAddress().getHostAddress().equals(address));
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        headers.forEach(HAProxyMessage::release);
    }

    private final class Service extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            active.add(new Seen((InetSocketAddress) ctx.channel().remoteAddress(),
                    ctx.channel().config().getOption(ChannelOption.SO_KEEPALIVE)));
            ctx.writeAndFlush(Unpooled.copiedBuffer(HELLO, StandardCharsets.US_ASCII));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HAProxyMessage header) {
                headers.add(header);
            } else {
                ctx.writeAndFlush((ByteBuf) msg); // echo
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a reset of an allowed connection (a client, or a stray local program) is the service's
            // business; anything else here escaped the access handler
            if (!(cause instanceof IOException)) {
                exceptions.add(cause);
            }
            ctx.close();
        }
    }
}
