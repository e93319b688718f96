package dev.jwrap.host.process;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;

/** Reads C socket addresses ({@code sockaddr_in}, {@code sockaddr_in6}) filled in by the kernel. Stateless. */
public final class SocketAddresses {

    /** Size of {@code struct sockaddr_storage}: room for any address. */
    public static final int STORAGE_SIZE = 128;

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    private SocketAddresses() {}

    /**
     * The IPv4 or IPv6 address and port in {@code sockaddr} (family in host order, port big-endian).
     *
     * @throws IOException for another address family (a UNIX socket, for example)
     */
    public static InetSocketAddress decode(MemorySegment sockaddr) throws IOException {
        int family = Short.toUnsignedInt(sockaddr.get(JAVA_SHORT, 0));
        int port = Short.toUnsignedInt(sockaddr.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
        byte[] raw = switch (family) {
            case AF_INET -> sockaddr.asSlice(4, 4).toArray(JAVA_BYTE);
            case AF_INET6 -> sockaddr.asSlice(8, 16).toArray(JAVA_BYTE);
            default -> throw new IOException("address family " + family + " is not IPv4 or IPv6");
        };
        return new InetSocketAddress(InetAddress.getByAddress(raw), port);
    }
}
