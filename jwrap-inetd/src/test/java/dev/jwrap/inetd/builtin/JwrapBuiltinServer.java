package dev.jwrap.inetd.builtin;

import dev.jwrap.inetd.config.InternalService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixture: jwrap's built-ins listening on ephemeral loopback ports until closed. */
final class JwrapBuiltinServer implements AutoCloseable {

    private final IdleWatchdog watchdog = new IdleWatchdog();
    private final Builtins builtins;
    private final List<AutoCloseable> channels = new ArrayList<>();

    JwrapBuiltinServer(Clock clock, Duration idle, UdpSourceFilter.Mode filter, Map<String, TcpmuxTarget> tcpmux) {
        builtins = new Builtins(clock, watchdog, idle, new UdpSourceFilter(filter, java.util.Set.of()), () -> tcpmux);
    }

    /** Serves the TCP side of {@code service} on {@code address} (port 0 = ephemeral); returns the bound address. */
    InetSocketAddress tcp(InternalService service, String address) {
        try {
            InetAddress a = InetAddress.getByName(address);
            ServerSocketChannel server = ServerSocketChannel.open(family(a));
            server.bind(new InetSocketAddress(a, 0));
            channels.add(server);
            BuiltinListener.serveStream(server, builtins.stream(service), e -> {});
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the UDP side of {@code service}. */
    InetSocketAddress udp(InternalService service, String address) {
        try {
            InetAddress a = InetAddress.getByName(address);
            DatagramChannel channel = DatagramChannel.open(family(a));
            channel.bind(new InetSocketAddress(a, 0));
            channels.add(channel);
            BuiltinListener.serveDatagram(channel, builtins.datagram(service), e -> {});
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StandardProtocolFamily family(InetAddress a) {
        return a instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : channels) {
            c.close();
        }
        watchdog.close();
    }
}
