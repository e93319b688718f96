package dev.jwrap.audit.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortListTest {

    @ParameterizedTest(name = "{0} -> {1} ports, {2}")
    @CsvSource(delimiter = '|', value = {"22|1|22", "1-1024|1024|1-1024", "22,80,8000-8002|5|22,80,8000-8002",
        "-|65535|1-65535", "60000-|5536|60000-65535", "80,80,79-81|3|79-81"})
    void parses(String text, int size, String normal) {
        PortList p = PortList.parse(text);
        assertThat(p.size()).isEqualTo(size);
        assertThat(p).hasToString(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "http", "10-5", "1-2-3", ""})
    void rejects(String text) {
        assertThatThrownBy(() -> PortList.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
