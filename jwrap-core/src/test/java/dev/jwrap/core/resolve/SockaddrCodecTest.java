package dev.jwrap.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The sockaddr conversions used by the FFM calls. */
class SockaddrCodecTest {

    @Test
    void ipv4_roundTrips() {
        try (Arena arena = Arena.ofConfined()) {
            InetAddress a = InetAddress.ofLiteral("192.0.2.7");
            MemorySegment sa = SockaddrCodec.encode(arena, a);
            assertThat(sa.byteSize()).isEqualTo(SockaddrCodec.SOCKADDR_IN_SIZE);
            assertThat(SockaddrCodec.decode(sa, (int) sa.byteSize())).isEqualTo(a);
        }
    }

    @Test
    void ipv6_roundTripsWithScope() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Inet6Address a = Inet6Address.getByAddress(null, InetAddress.ofLiteral("fe80::1").getAddress(), 7);
            MemorySegment sa = SockaddrCodec.encode(arena, a);
            assertThat(sa.byteSize()).isEqualTo(SockaddrCodec.SOCKADDR_IN6_SIZE);
            Inet6Address back = (Inet6Address) SockaddrCodec.decode(sa, (int) sa.byteSize());
            assertThat(back.getAddress()).isEqualTo(a.getAddress());
            assertThat(back.getScopeId()).isEqualTo(7);
        }
    }

    @Test
    void decode_mappedIpv6_staysIpv6_unscoped() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SockaddrCodec.SOCKADDR_IN6_SIZE);
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET6);
            sa.set(ValueLayout.JAVA_BYTE, 8 + 10, (byte) 0xff);
            sa.set(ValueLayout.JAVA_BYTE, 8 + 11, (byte) 0xff);
            sa.set(ValueLayout.JAVA_BYTE, 8 + 12, (byte) 127);
            sa.set(ValueLayout.JAVA_BYTE, 8 + 15, (byte) 1);
            InetAddress a = SockaddrCodec.decode(sa, (int) sa.byteSize());
            assertThat(a).isInstanceOf(Inet6Address.class);
            assertThat(a.getHostAddress()).doesNotContain("%");
        }
    }

    @Test
    void decode_otherFamilyOrShort_isNull() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SockaddrCodec.SOCKADDR_IN6_SIZE);
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) 1); // AF_UNIX
            assertThat(SockaddrCodec.decode(sa, (int) sa.byteSize())).isNull();
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET6);
            assertThat(SockaddrCodec.decode(sa, SockaddrCodec.SOCKADDR_IN_SIZE)).isNull();
        }
    }

    @Test
    void unmapped_turnsMappedIntoIpv4_only() throws Exception {
        byte[] mapped = InetAddress.ofLiteral("::1").getAddress();
        mapped[15] = 0;
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 9;
        InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(dev.jwrap.core.internal.MappedAddresses.unmapped(v6)).isInstanceOf(Inet4Address.class).isEqualTo(InetAddress.ofLiteral("10.0.0.9"));
        InetAddress loopback6 = InetAddress.ofLiteral("::1");
        assertThat(dev.jwrap.core.internal.MappedAddresses.unmapped(loopback6)).isSameAs(loopback6);
    }
}
