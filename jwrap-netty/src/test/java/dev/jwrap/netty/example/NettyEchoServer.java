package dev.jwrap.netty.example;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.Rfc1413IdentClient;
import dev.jwrap.core.resolve.SystemHostResolver;
import dev.jwrap.core.resolve.SystemUserDatabase;
import dev.jwrap.host.embed.EmbeddedAccess;
import dev.jwrap.host.log.StreamSyslog;
import dev.jwrap.netty.JwrapAccessHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * Example: a Netty echo server whose connections are checked against hosts.allow / hosts.deny as
 * the daemon {@code echo-example}; with {@code proxy} as fourth argument it sits behind a load
 * balancer speaking the PROXY protocol, and decides on the client the header names.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp ... NettyEchoServer PORT ALLOW DENY [proxy]}
 */
public final class NettyEchoServer {

    private NettyEchoServer() {}

    public static void main(String[] args) throws InterruptedException {
        AccessPolicy policy = AccessPolicy.load(Path.of(args[1]), Path.of(args[2]));
        boolean proxied = args.length > 3 && args[3].equals("proxy");
        EmbeddedAccess access = EmbeddedAccess.builder("echo-example", () -> policy, StreamSyslog.stderr("echo-example"))
                .services(new LookupServices(new SystemHostResolver(), new Rfc1413IdentClient(), new SystemUserDatabase()))
                .serverKind("netty")
                .build();
        JwrapAccessHandler accessHandler = new JwrapAccessHandler(access); // @Sharable: one for all channels
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (proxied) {
                                ch.pipeline().addLast(new HAProxyMessageDecoder());
                            }
                            ch.pipeline().addLast(accessHandler, new Echo());
                        }
                    })
                    .bind(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]))
                    .sync()
                    .channel();
            System.out.println("listening on " + listener.localAddress());
            listener.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** The service: sees only allowed connections. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HAProxyMessage header) {
                header.release(); // the real client's address was already used for the check
            } else {
                ctx.writeAndFlush(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
