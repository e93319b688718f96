package dev.jwrap.inetd.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UdpSourceFilterTest {

    private static boolean accepts(UdpSourceFilter.Mode mode, String address, int port) throws Exception {
        UdpSourceFilter filter = new UdpSourceFilter(mode, Set.of(InetAddress.getByName("192.168.1.255")));
        return filter.accepts(new InetSocketAddress(InetAddress.getByName(address), port));
    }

    /** Spec §6.6 table: address, port, Debian verdict, jwrap verdict. */
    @ParameterizedTest(name = "{0} port {1}: debian {2}, jwrap {3}")
    @CsvSource({
        "192.0.2.7, 40000, true, true",
        "224.0.0.1, 40000, false, false",
        "239.1.2.3, 40000, false, false",
        "0.1.2.3, 40000, false, false",
        "255.1.2.3, 40000, false, false",
        "127.0.0.1, 40000, false, true",
        "127.9.9.9, 40000, false, true",
        "192.168.1.255, 40000, false, false",
        "::1, 40000, true, true",
        "2001:db8::1, 40000, true, true",
        "ff02::1, 40000, false, false",
        "::, 40000, false, false",
        "::192.0.2.7, 40000, true, false",
        "::127.0.0.1, 40000, false, false",
        "::1, 1000, true, false",
        "::1, 1023, true, false",
        "::1, 1024, true, true",
        "::1, 2049, true, false",
        "192.0.2.7, 7, true, false",
    })
    void verdicts(String address, int port, boolean debian, boolean jwrap) throws Exception {
        assertThat(accepts(UdpSourceFilter.Mode.DEBIAN, address, port)).isEqualTo(debian);
        assertThat(accepts(UdpSourceFilter.Mode.JWRAP, address, port)).isEqualTo(jwrap);
    }
}
