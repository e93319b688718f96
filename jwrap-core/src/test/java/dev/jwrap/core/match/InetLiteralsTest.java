package dev.jwrap.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InetLiteralsTest {

    @ParameterizedTest(name = "inet_aton({0}) = {1}")
    @CsvSource({
        "192.0.2.1, 3221225985",
        "0300.0.2.1, 3221225985",
        "0xc0.0.2.1, 3221225985",
        "0XC0.0.2.1, 3221225985",
        "192.0.513, 3221225985",
        "3221225985, 3221225985",
        "192.0.2.1 trailing, 3221225985",
        "192.0.2.256, -1",
        "08.0.0.1, -1",
        "0x.1.2.3, -1",
        "1..2.3, -1",
        "'', -1",
        "a.b.c.d, -1",
        "255.255.255.255, 4294967295",
        "1.2.3.4.5, -1",
    })
    void inetAtonFollowsGlibc(String text, long expected) {
        assertThat(InetLiterals.inetAton(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "dot_quad_addr({0}) valid={1}")
    @CsvSource({
        "192.0.2.1, true",
        "192.0.2.01, true",
        "192.0.2, false",
        "255.255.255.255, false",
        "0.0.0.0, true",
        "1.2.3.4., false",
    })
    void dotQuadNeedsFourRuns(String text, boolean valid) {
        assertThat(InetLiterals.isDotQuad(text)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "inet_pton6({0}) valid={1}")
    @CsvSource({
        "::1, true",
        "::, true",
        "2001:db8::1, true",
        "2001:DB8:0:0:0:0:0:1, true",
        "::ffff:192.0.2.1, true",
        "1:2:3:4:5:6:7:8, true",
        "1:2:3:4:5:6:7:8:9, false",
        "1::2::3, false",
        ":1::2, false",
        "12345::1, false",
        "::192.0.2.01, false",
        "1:2:3:4:5:6:192.0.2.1, true",
        "g::1, false",
    })
    void inetPton6(String text, boolean valid) {
        assertThat(InetLiterals.parseV6(text) != null).isEqualTo(valid);
    }
}
