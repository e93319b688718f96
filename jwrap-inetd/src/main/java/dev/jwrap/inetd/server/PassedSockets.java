package dev.jwrap.inetd.server;

import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ChannelDescriptors;
import dev.jwrap.host.process.InheritedSocket;
import dev.jwrap.host.process.SocketActivation;
import dev.jwrap.inetd.config.ServiceEntry;
import dev.jwrap.inetd.config.SocketType;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Listening sockets handed over by systemd socket activation ({@code LISTEN_FDS}), matched to the
 * inetd.conf entries that would bind the same socket type and local address and port. A matched
 * entry serves the passed socket instead of binding; an entry without one binds as usual (except
 * the IPv4 half of a {@code tcp}/{@code udp} line whose IPv6 half got a dual-stack socket). The
 * passed descriptors stay open for the life of the server, so a reload that closes and reopens a
 * listener adopts the same socket again and never binds it anew. Passed sockets that no entry of
 * the first configuration uses are logged and closed. Thread-safe.
 */
public final class PassedSockets implements AutoCloseable {

    private record Key(SocketType type, InetSocketAddress address) {}

    private final Map<Key, InheritedSocket> sockets;
    private final Set<Key> used = new HashSet<>();

    private PassedSockets(Map<Key, InheritedSocket> sockets) {
        this.sockets = sockets;
    }

    /** No passed sockets: every entry binds its own. */
    public static PassedSockets none() {
        return new PassedSockets(new LinkedHashMap<>());
    }

    /**
     * The sockets passed to this process according to {@code environment}; descriptors that are
     * not IPv4/IPv6 listening or datagram sockets, and bad variables, are logged and left alone.
     */
    public static PassedSockets fromEnvironment(Map<String, String> environment, long pid, Syslog log) {
        List<SocketActivation.Passed> passed;
        try {
            passed = SocketActivation.passed(environment, pid);
        } catch (IllegalArgumentException e) {
            log.error("socket activation ignored: " + e.getMessage());
            return none();
        }
        Map<Key, InheritedSocket> sockets = new LinkedHashMap<>();
        for (SocketActivation.Passed p : passed) {
            try {
                InheritedSocket socket = InheritedSocket.inspect(p.fd(), p.name());
                SocketType type = socket.kind() == InheritedSocket.Kind.STREAM_LISTENER
                        ? SocketType.STREAM : SocketType.DGRAM;
                sockets.put(new Key(type, socket.localAddress()), socket);
            } catch (IOException e) {
                log.error("passed socket not used: " + e.getMessage());
            }
        }
        return new PassedSockets(sockets);
    }

    /** How many passed sockets there are (matched or not). */
    public synchronized int size() {
        return sockets.size();
    }

    /**
     * A channel on the passed socket that {@code entry} would bind at {@code address}, or empty when
     * none was passed for it.
     */
    synchronized Optional<NetworkChannel> take(ServiceEntry entry, InetSocketAddress address,
            ChannelDescriptors descriptors) throws IOException {
        Key key = new Key(entry.socketType(), address);
        InheritedSocket socket = sockets.get(key);
        if (socket == null) {
            return Optional.empty();
        }
        NetworkChannel channel = socket.adopt(descriptors);
        used.add(key);
        return Optional.of(channel);
    }

    /**
     * Whether the IPv4 wildcard socket {@code entry} would bind at {@code address} is served already
     * by a passed IPv6 wildcard socket on the same port that also takes IPv4 ({@code IPV6_V6ONLY}
     * off, systemd's {@code BindIPv6Only=both}): binding it would fail, the port being taken.
     */
    synchronized boolean coversIpv4(ServiceEntry entry, InetSocketAddress address) {
        if (!(address.getAddress() instanceof Inet4Address v4) || !v4.isAnyLocalAddress()) {
            return false;
        }
        InheritedSocket v6 = sockets.get(new Key(entry.socketType(),
                new InetSocketAddress(InetAddress.ofLiteral("::"), address.getPort())));
        return v6 != null && !v6.v6Only();
    }

    /** Closes, with one log line each, the passed sockets no entry has taken. */
    synchronized void closeUnused(Syslog log) {
        List<Key> unused = new ArrayList<>();
        sockets.forEach((key, socket) -> {
            if (!used.contains(key)) {
                unused.add(key);
            }
        });
        for (Key key : unused) {
            InheritedSocket socket = sockets.remove(key);
            log.warning("passed socket fd " + socket.fd() + " (" + socket.name() + ", "
                    + key.type().token() + " " + key.address()
                    + ") matches no inetd.conf entry; closed");
            socket.close();
        }
    }

    /** Closes every passed descriptor (at shutdown). */
    @Override
    public synchronized void close() {
        sockets.values().forEach(InheritedSocket::close);
        sockets.clear();
    }
}
