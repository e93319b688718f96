package dev.jwrap.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsAddressTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:9101, 127.0.0.1, 9101", "[::1]:9101, ::1, 9101", "127.0.0.2:0, 127.0.0.2, 0"})
    void loopbackAddressesAreAccepted(String text, String address, int port) {
        assertThat(MetricsAddress.parse(text, false))
                .isEqualTo(new InetSocketAddress(InetAddress.ofLiteral(address), port));
    }

    @Test
    void anotherAddressNeedsTheExplicitFlag() {
        assertThatIllegalArgumentException().isThrownBy(() -> MetricsAddress.parse("0.0.0.0:9101", false))
                .withMessage("--metrics 0.0.0.0:9101: 0.0.0.0 is not a loopback address; add --metrics-allow-remote "
                        + "to serve metrics beyond this host");
        assertThat(MetricsAddress.parse("0.0.0.0:9101", true).getPort()).isEqualTo(9101);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9101 | --metrics 9101: expected HOST:PORT, e.g. 127.0.0.1:9101",
        "127.0.0.1: | --metrics 127.0.0.1:: expected HOST:PORT, e.g. 127.0.0.1:9101",
        "127.0.0.1:http | --metrics 127.0.0.1:http: bad port http",
        "127.0.0.1:70000 | --metrics 127.0.0.1:70000: bad port 70000",
        "::1:9101 | --metrics ::1:9101: write an IPv6 address in brackets, e.g. [::1]:9101"
    })
    void badValuesGetOneLine(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> MetricsAddress.parse(text, false)).withMessage(message);
    }
}
