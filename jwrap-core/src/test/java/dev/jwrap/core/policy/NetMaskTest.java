package dev.jwrap.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.syntax.Fields;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetMaskTest {

    private static boolean matches(String token, String address) {
        return NetMask.compile(token, Fields.splitIndex(token, 0, '/')).matches(address);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "192.0.2.0/255.255.255.0, 192.0.2.77, true",
        "192.0.2.0/255.255.255.0, 192.0.3.77, false",
        "192.0.2.0/24, 192.0.2.77, true",
        "192.0.2.1/24, 192.0.2.1, false",
        "192.0.2.1/32, 192.0.2.1, true",
        "192.0.2.1/255.255.255.255, 192.0.2.1, false",
        "0.0.0.0/0.0.0.0, 10.1.2.3, true",
        "0.0.0.0/0, 10.1.2.3, false",
        "192.0.2.0/33, 192.0.2.1, false",
        "192.0.2.0/24junk, 192.0.2.1, true",
        "192.0.2.0/abc, 192.0.2.1, false",
        "0300.0.2.0/24, 192.0.2.9, true",
        "192.0.2/24, 192.0.2.9, false",
        "10.0.0.0/255.0.255.0, 10.9.0.9, true",
        "192.0.2.0/24, ::ffff:192.0.2.5, true",
        "[2001:db8::]/32, 2001:db8:1::1, true",
        "[2001:db8::]/32, 2001:db9::1, false",
        "[2001:db8::ffff]/32, 2001:db8::1, true",
        "[2001:db8::]/0, ::1, true",
        "[2001:db8::]/abc, ::1, true",
        "[2001:db8::]/129, 2001:db8::1, false",
        "[2001:db8::]/-1, 2001:db8::1, false",
        "[2001:db8::]/33, 2001:db8:7fff::1, true",
        "[2001:db8::]/33, 2001:db8:8000::1, false",
        "[::ffff:192.0.2.0]/120, ::ffff:192.0.2.1, false",
    })
    void matchesLikeLibwrap(String token, String address, boolean expected) {
        assertThat(matches(token, address)).isEqualTo(expected);
    }
}
