package dev.jwrap.netty;

import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.host.embed.Admission;
import dev.jwrap.host.embed.EmbeddedAccess;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * hosts.allow / hosts.deny for a Netty server: the counterpart of Netty's {@code RuleBasedIpFilter}
 * with TCP Wrappers semantics. Place it first in a child pipeline, or right after an
 * {@link HAProxyMessageDecoder}, in which case the decision is on the client the PROXY header
 * names (v1 or v2; the connection's own address for {@code LOCAL} and {@code UNKNOWN} headers).
 *
 * <p>On {@code channelActive} the channel stops reading and the check runs off the event loop
 * (see {@link EmbeddedAccess}: name and ident lookups, bounded by its check timeout). Downstream
 * handlers see {@code channelActive} only once the connection is allowed, after the rule's banner
 * has been written and its {@code keepalive}/{@code linger} options set; what arrived meanwhile
 * follows in order (the {@code HAProxyMessage} too: downstream releases it), and the handler
 * removes itself. Add it in a {@code ChannelInitializer}, before the channel is active; added to
 * a channel that is already active, it checks on the first read and holds the data until then. A refused connection gets its banner,
 * the log line tcpd writes, and is closed; downstream handlers never see it. A bad, truncated or
 * missing PROXY header (none within the header timeout) is logged and the connection closed.
 *
 * <p>What an embedded server cannot do of tcpd's options: {@code twist} is refused as libwrap
 * refuses it in any long-running process (logged, connection refused); {@code setenv},
 * {@code umask}, {@code nice}, {@code user} and {@code group} are ignored, as there is no child
 * process to give them to; {@code spawn} and {@code aclexec} run {@code /bin/sh -c} off the event loop.
 *
 * <p>Stateless and {@link Sharable}: one instance per service serves every channel (its state
 * lives in a channel attribute, so put at most one in a pipeline).
 */
@Sharable
public final class JwrapAccessHandler extends ChannelInboundHandlerAdapter {

    /** How long a client behind a PROXY decoder may take to send its header by default. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);

    private static final AttributeKey<PendingCheck> PENDING =
            AttributeKey.valueOf(JwrapAccessHandler.class, "pending");

    private final EmbeddedAccess access;
    private final long headerTimeoutNanos;

    /** A handler deciding with {@code access}, waiting up to 10 s for a PROXY header. */
    public JwrapAccessHandler(EmbeddedAccess access) {
        this(access, DEFAULT_HEADER_TIMEOUT);
    }

    /** A handler deciding with {@code access}, waiting up to {@code headerTimeout} for a PROXY header. */
    public JwrapAccessHandler(EmbeddedAccess access, Duration headerTimeout) {
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("headerTimeout must be positive, got " + headerTimeout);
        }
        this.access = access;
        this.headerTimeoutNanos = headerTimeout.toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        begin(ctx, true);
    }

    /**
     * Starts the check of a channel: on {@code channelActive}, which is then held back; or, for a
     * handler added to a channel that was already active, on its first read, with
     * {@code channelActive} long gone downstream.
     */
    private void begin(ChannelHandlerContext ctx, boolean holdsActive) {
        Channel channel = ctx.channel();
        boolean behindProxyDecoder = ctx.pipeline().get(HAProxyMessageDecoder.class) != null;
        PendingCheck pending = new PendingCheck(channel.config().isAutoRead(), behindProxyDecoder, holdsActive);
        channel.attr(PENDING).set(pending);
        if (behindProxyDecoder) {
            // keep reading: the header has to arrive before there is anyone to decide on
            pending.headerDeadline = ctx.executor().schedule(() -> headerMissing(ctx), headerTimeoutNanos,
                    TimeUnit.NANOSECONDS);
            channel.read();
        } else {
            channel.config().setAutoRead(false);
            startCheck(ctx, pending, remote(channel), local(channel));
        }
    }

    /*
     * A channel's state: no PendingCheck yet (not started), one (checking), FINISHED (refused or
     * failed: its events stop here, as downstream handlers never saw it active). After an allow
     * the handler has left the pipeline and sees nothing more.
     */

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PendingCheck pending = ctx.channel().attr(PENDING).get();
        if (pending == null) {
            begin(ctx, false); // added to an active channel: check before anything passes
            pending = ctx.channel().attr(PENDING).get();
        }
        if (pending == PendingCheck.FINISHED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        pending.hold(msg);
        if (pending.awaitingHeader && msg instanceof HAProxyMessage header) {
            pending.awaitingHeader = false;
            pending.cancelDeadline();
            ctx.channel().config().setAutoRead(false);
            ProxiedEndpoints endpoints = ProxiedEndpoints.of(header, remote(ctx.channel()), local(ctx.channel()));
            startCheck(ctx, pending, endpoints.client(), endpoints.server());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        PendingCheck pending = ctx.channel().attr(PENDING).get();
        if (pending != null && pending != PendingCheck.FINISHED && pending.awaitingHeader && !pending.autoRead) {
            ctx.channel().read(); // the rest of a header split over several reads
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PendingCheck pending = ctx.channel().attr(PENDING).getAndSet(PendingCheck.FINISHED);
        if (pending == null) {
            ctx.fireExceptionCaught(cause); // not ours to judge: the check never started
            return;
        }
        if (pending == PendingCheck.FINISHED) {
            ctx.close(); // e.g. the decoder failing again on the rest of a bad header at close
            return;
        }
        pending.discard();
        // the decoder's HAProxyProtocolException for a bad header, or a reset while undecided
        drop(ctx, pending.awaitingHeader ? "proxy_header" : "connection_error",
                (pending.awaitingHeader ? "bad PROXY header" : "error") + " from " + address(ctx.channel()) + ": "
                        + cause.getMessage());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        PendingCheck pending = ctx.channel().attr(PENDING).getAndSet(PendingCheck.FINISHED);
        if (pending == null) {
            ctx.fireChannelInactive(); // never checked: downstream may have seen it active
            return;
        }
        if (pending == PendingCheck.FINISHED) {
            return;
        }
        pending.discard();
        if (!pending.holdsActive) {
            ctx.fireChannelInactive();
        }
        if (pending.awaitingHeader) {
            drop(ctx, "proxy_header", "connection from " + address(ctx.channel())
                    + " closed before its PROXY header was complete");
        }
    }

    private void headerMissing(ChannelHandlerContext ctx) {
        PendingCheck pending = ctx.channel().attr(PENDING).get();
        if (pending == null || pending == PendingCheck.FINISHED || !pending.awaitingHeader
                || !ctx.channel().attr(PENDING).compareAndSet(pending, PendingCheck.FINISHED)) {
            return;
        }
        pending.discard();
        drop(ctx, "proxy_header", "no PROXY header from " + address(ctx.channel()) + " within "
                + TimeUnit.NANOSECONDS.toMillis(headerTimeoutNanos) + " ms");
        ctx.close();
    }

    private void startCheck(ChannelHandlerContext ctx, PendingCheck pending, InetSocketAddress client,
            InetSocketAddress server) {
        if (client == null || server == null) {
            // a closed channel has no addresses; a non-IP transport has none the rules could match
            ctx.channel().attr(PENDING).set(PendingCheck.FINISHED);
            pending.discard();
            if (ctx.channel().isActive()) {
                access.log().warning(access.daemon() + ": refused connection from " + ctx.channel().remoteAddress()
                        + ": not an IP address");
            }
            ctx.close();
            return;
        }
        access.checkAsync(client, server).thenAccept(admission -> {
            try {
                ctx.executor().execute(() -> conclude(ctx, pending, admission));
            } catch (RejectedExecutionException e) {
                // the event loop is shutting down and closes its channels itself
            }
        });
    }

    /** On the event loop: apply the verdict unless the channel went away meanwhile. */
    private void conclude(ChannelHandlerContext ctx, PendingCheck pending, Admission admission) {
        Channel channel = ctx.channel();
        if (!channel.attr(PENDING).compareAndSet(pending, admission.granted() ? null : PendingCheck.FINISHED)) {
            return; // closed or failed while the check ran; already cleaned up
        }
        setOptions(channel, admission);
        byte[] banner = admission.banner();
        if (!admission.granted()) {
            pending.discard();
            if (banner.length > 0) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(banner)).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
            return;
        }
        if (banner.length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(banner));
        }
        ctx.pipeline().remove(this);
        if (pending.holdsActive) {
            ctx.fireChannelActive();
        }
        for (Object message : pending.takeHeld()) {
            ctx.fireChannelRead(message);
        }
        ctx.fireChannelReadComplete();
        channel.config().setAutoRead(pending.autoRead);
    }

    /** Logs and counts a connection dropped before its check, when its addresses are known. */
    private void drop(ChannelHandlerContext ctx, String limit, String message) {
        InetSocketAddress remote = remote(ctx.channel());
        InetSocketAddress local = local(ctx.channel());
        if (remote != null && local != null) {
            access.dropped(remote, local, limit, access.daemon() + ": " + message);
        } else {
            access.log().warning(access.daemon() + ": " + message);
        }
    }

    private static void setOptions(Channel channel, Admission admission) {
        if (admission.keepalive()) {
            channel.config().setOption(ChannelOption.SO_KEEPALIVE, true);
        }
        admission.linger().ifPresent(seconds ->
                channel.config().setOption(ChannelOption.SO_LINGER, seconds == 0 ? -1 : seconds));
    }

    private static InetSocketAddress remote(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }

    private static InetSocketAddress local(Channel channel) {
        return channel.localAddress() instanceof InetSocketAddress a ? a : null;
    }

    private static String address(Channel channel) {
        InetSocketAddress remote = remote(channel);
        return remote == null ? HostEndpoint.UNKNOWN : HostEndpoint.ofSocket(remote).address();
    }
}
