package dev.jwrap.netty;

import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The endpoints an access check is about when a PROXY header came first: the addresses the proxy
 * reports for a proxied TCP or UDP connection over IPv4/IPv6; for a {@code LOCAL} command (the
 * proxy's own health check), {@code UNKNOWN} or a UNIX-socket connection, the connection's own.
 *
 * @param client the client to decide on
 * @param server the server address the client connected to
 */
record ProxiedEndpoints(InetSocketAddress client, InetSocketAddress server) {

    static ProxiedEndpoints of(HAProxyMessage header, InetSocketAddress remote, InetSocketAddress local) {
        if (header.command() != HAProxyCommand.PROXY || !carriesInetAddresses(header.proxiedProtocol())) {
            return new ProxiedEndpoints(remote, local);
        }
        // literals only: ofLiteral never asks the name service, so the event loop cannot block here
        return new ProxiedEndpoints(
                new InetSocketAddress(InetAddress.ofLiteral(header.sourceAddress()), header.sourcePort()),
                new InetSocketAddress(InetAddress.ofLiteral(header.destinationAddress()), header.destinationPort()));
    }

    private static boolean carriesInetAddresses(HAProxyProxiedProtocol protocol) {
        return switch (protocol) {
            case TCP4, TCP6, UDP4, UDP6 -> true;
            case UNKNOWN, UNIX_STREAM, UNIX_DGRAM -> false;
        };
    }
}
