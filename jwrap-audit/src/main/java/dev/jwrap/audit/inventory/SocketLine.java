package dev.jwrap.audit.inventory;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One socket line of /proc/net/{tcp,udp,raw}[6], the columns the inventory uses.
 *
 * @param transport which table it comes from
 * @param ipv6Socket whether it comes from the IPv6 table (an AF_INET6 socket, possibly bound to a
 *     mapped IPv4 address)
 * @param local the local address; an Inet4Address for a mapped one
 * @param localPort the local port (for raw sockets the IP protocol number)
 * @param mapped whether the IPv6 socket is bound to an IPv4-mapped address
 * @param remotePort the remote port, 0 for an unconnected socket
 * @param state the state
 * @param uid the uid that created the socket
 * @param inode the socket's inode, the key to the processes holding it; 0 when none
 */
public record SocketLine(Transport transport, boolean ipv6Socket, InetAddress local, int localPort, boolean mapped,
        int remotePort, SocketState state, int uid, long inode) {

    public SocketLine {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(state, "state");
    }

    /**
     * Whether it offers a service: a TCP socket in LISTEN, or a UDP/raw socket that is bound and not
     * connected (state CLOSE with remote port 0).
     */
    public boolean isListening() {
        return transport == Transport.TCP
                ? state == SocketState.LISTEN
                : state == SocketState.CLOSE && remotePort == 0;
    }
}
