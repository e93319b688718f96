package dev.jwrap.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.internal.AddressText;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "::1, ::1",
        "::, ::",
        "2001:0DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
        "::ffff:c000:201, 192.0.2.1",
        "::c000:201, ::192.0.2.1",
        "fe80::1, fe80::1",
        "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    })
    void formatsLikeGlibc(String input, String expected) throws Exception {
        assertThat(AddressText.format(InetAddress.getByName(input))).isEqualTo(expected);
    }
}
