package dev.jwrap.core.sys;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a Linux {@code struct sockaddr_in} / {@code sockaddr_in6} from its bytes, as the kernel
 * filled them in (family in host byte order, port in network order). An IPv4-mapped IPv6
 * address stays IPv6 ({@code ::ffff:a.b.c.d}), as tcpd logs and matches it on a dual-stack
 * socket; an IPv6 scope id is kept. Stateless.
 */
public final class SocketAddressBytes {

    /** {@code sizeof(struct sockaddr_storage)}: room for any address. */
    public static final int STORAGE_SIZE = 128;

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private SocketAddressBytes() {}

    /**
     * The address and port in the first {@code length} bytes of {@code sockaddr}, or null when
     * they hold another family (a UNIX socket) or too few bytes.
     */
    public static InetSocketAddress decode(byte[] sockaddr, int length) {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        int family = length >= 2 ? unsigned(sockaddr, 0, 2, little) : -1;
        int port = length >= 4 ? unsigned(sockaddr, 2, 2, false) : 0;
        try {
            if (family == AF_INET && length >= 16) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(sockaddr, 4, 8)), port);
            }
            if (family == AF_INET6 && length >= 28) {
                int scope = unsigned(sockaddr, 24, 4, little);
                byte[] bytes = Arrays.copyOfRange(sockaddr, 8, 24);
                // -1: no scope at all, so that an unscoped address does not print as "%0"
                return new InetSocketAddress(Inet6Address.getByAddress(null, bytes, scope == 0 ? -1 : scope), port);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are always an address", e);
        }
        return null;
    }

    private static int unsigned(byte[] bytes, int at, int size, boolean littleEndian) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | Byte.toUnsignedInt(bytes[littleEndian ? at + size - 1 - i : at + i]);
        }
        return value;
    }
}
