package dev.jwrap.inetd.server;

import dev.jwrap.inetd.config.Protocol;
import dev.jwrap.inetd.config.Server;
import dev.jwrap.inetd.config.ServiceEntry;
import dev.jwrap.inetd.config.SocketType;
import dev.jwrap.host.process.ChannelDescriptors;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens the sockets of an entry (inetd.md §3.1): every address its host resolves to in the
 * entry's family, {@code SO_REUSEADDR}, {@code IPV6_V6ONLY} as the protocol says, the buffer
 * sizes, then bind and listen.
 */
final class Binder {

    private final ChannelDescriptors descriptors;
    private final int backlog;
    private final PassedSockets passed;

    Binder(ChannelDescriptors descriptors, int backlog, PassedSockets passed) {
        this.descriptors = descriptors;
        this.backlog = backlog;
        this.passed = passed;
    }

    /** The addresses {@code entry} listens on ({@code getaddrinfo} with {@code AI_PASSIVE}). */
    static List<InetSocketAddress> addresses(ServiceEntry entry) throws IOException {
        boolean v4 = entry.protocol().family() == Protocol.Family.INET;
        List<InetSocketAddress> result = new ArrayList<>();
        if (entry.host().equals("*")) {
            result.add(new InetSocketAddress(InetAddress.getByName(v4 ? "0.0.0.0" : "::"), entry.port()));
            return result;
        }
        for (InetAddress address : InetAddress.getAllByName(entry.host())) {
            if (v4 ? address instanceof Inet4Address : address instanceof Inet6Address) {
                result.add(new InetSocketAddress(address, entry.port()));
            }
        }
        if (result.isEmpty()) {
            throw new IOException(entry.host() + ": Address family for hostname not supported");
        }
        return result;
    }

    /**
     * Opens, configures and binds the socket for {@code entry} on {@code address}, or adopts the
     * one systemd passed for it (configured by its socket unit, so left as it is).
     */
    NetworkChannel open(ServiceEntry entry, InetSocketAddress address) throws IOException {
        Optional<NetworkChannel> handedOver = passed.take(entry, address, descriptors);
        if (handedOver.isPresent()) {
            return handedOver.get();
        }
        ProtocolFamily family = entry.protocol().family() == Protocol.Family.INET
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        boolean stream = entry.protocol().socketType() == SocketType.STREAM;
        NetworkChannel channel = stream ? ServerSocketChannel.open(family) : DatagramChannel.open(family);
        try {
            if (entry.protocol().family() == Protocol.Family.INET6_ONLY) {
                SocketOptions.v6Only(descriptors.fd(channel), true);
            }
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (entry.buffers().receiveBuffer().isPresent()) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, entry.buffers().receiveBuffer().getAsInt());
            }
            if (entry.buffers().sendBuffer().isPresent()) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, entry.buffers().sendBuffer().getAsInt());
            }
            if (channel instanceof ServerSocketChannel server) {
                server.bind(address, backlog);
            } else {
                ((DatagramChannel) channel).bind(address);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The listener that serves {@code entry} on the opened {@code channel}. */
    static Listener listener(Services services, ServiceEntry entry, InetSocketAddress address, NetworkChannel channel)
            throws IOException {
        boolean internal = entry.server() instanceof Server.Internal;
        if (channel instanceof ServerSocketChannel server) {
            return entry.waitService() && !internal
                    ? new WaitListener(services, entry, address, server)
                    : new StreamListener(services, entry, address, server);
        }
        DatagramChannel datagram = (DatagramChannel) channel;
        return internal
                ? new DatagramBuiltinListener(services, entry, address, datagram)
                : new WaitListener(services, entry, address, datagram);
    }
}
