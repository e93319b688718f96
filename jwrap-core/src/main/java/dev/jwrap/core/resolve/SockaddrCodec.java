package dev.jwrap.core.resolve;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Converts between {@link InetAddress} and Linux {@code struct sockaddr_in} /
 * {@code sockaddr_in6} (port 0, flow info 0; the IPv6 scope id is carried). Stateless.
 */
final class SockaddrCodec {

    static final int SOCKADDR_IN_SIZE = 16;
    static final int SOCKADDR_IN6_SIZE = 28;

    // Offsets in <netinet/in.h>: sin_family 0, sin_port 2, sin_addr 4; sin6_flowinfo 4, sin6_addr 8, sin6_scope_id 24.
    private static final long FAMILY = 0;
    private static final long IN_ADDR = 4;
    private static final long IN6_ADDR = 8;
    private static final long IN6_SCOPE_ID = 24;

    private SockaddrCodec() {}

    /** A zeroed sockaddr for {@code address}, allocated in {@code arena}; its size is the socklen. */
    static MemorySegment encode(Arena arena, InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            MemorySegment sa = arena.allocate(SOCKADDR_IN_SIZE, 4);
            sa.set(JAVA_SHORT, FAMILY, (short) Libc.AF_INET);
            MemorySegment.copy(bytes, 0, sa, JAVA_BYTE, IN_ADDR, 4);
            return sa;
        }
        MemorySegment sa = arena.allocate(SOCKADDR_IN6_SIZE, 4);
        sa.set(JAVA_SHORT, FAMILY, (short) Libc.AF_INET6);
        MemorySegment.copy(bytes, 0, sa, JAVA_BYTE, IN6_ADDR, 16);
        sa.set(JAVA_INT, IN6_SCOPE_ID, ((Inet6Address) address).getScopeId());
        return sa;
    }

    /**
     * The address in a sockaddr of {@code length} bytes, or null when it is of another family or
     * too short. IPv6 addresses stay {@link Inet6Address} even when IPv4-mapped.
     */
    @SuppressWarnings("restricted") // the length is the C library's ai_addrlen
    static InetAddress decode(MemorySegment sockaddr, int length) {
        MemorySegment sa = sockaddr.reinterpret(length);
        int family = length >= 2 ? Short.toUnsignedInt(sa.get(JAVA_SHORT, FAMILY)) : -1;
        try {
            if (family == Libc.AF_INET && length >= SOCKADDR_IN_SIZE) {
                return InetAddress.getByAddress(sa.asSlice(IN_ADDR, 4).toArray(JAVA_BYTE));
            }
            if (family == Libc.AF_INET6 && length >= SOCKADDR_IN6_SIZE) {
                int scope = sa.get(JAVA_INT, IN6_SCOPE_ID);
                // -1: no scope at all, so that an unscoped address does not print as "%0".
                return Inet6Address.getByAddress(null, sa.asSlice(IN6_ADDR, 16).toArray(JAVA_BYTE), scope == 0 ? -1 : scope);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are always an address", e);
        }
        return null;
    }

}
