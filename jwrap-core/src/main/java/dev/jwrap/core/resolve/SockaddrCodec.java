package dev.jwrap.core.resolve;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.jwrap.core.sys.SocketAddressBytes;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

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
        InetSocketAddress address = SocketAddressBytes.decode(sockaddr.reinterpret(length).toArray(JAVA_BYTE), length);
        return address == null ? null : address.getAddress();
    }

}
