package dev.jwrap.inetd.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChargenPatternTest {

    private final ChargenPattern pattern = new ChargenPattern();

    private String line(long n) {
        return new String(pattern.line(n), StandardCharsets.US_ASCII);
    }

    @Test
    void lines_matchTheObservedInetdOutput() {
        assertThat(line(0)).isEqualTo(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefg\r\n");
        assertThat(line(1)).isEqualTo("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh\r\n");
        assertThat(line(94)).isEqualTo("~ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdef\r\n");
        assertThat(line(95)).isEqualTo(line(0));
        assertThat(pattern.line(7)).hasSize(74);
    }

    @Test
    void cycle_isTheLinesBackToBack() {
        var cycle = pattern.cycle();
        assertThat(cycle.remaining()).isEqualTo(95 * 74);
        byte[] bytes = new byte[cycle.remaining()];
        cycle.get(bytes);
        for (int n = 0; n < 95; n++) {
            assertThat(new String(bytes, n * 74, 74, StandardCharsets.US_ASCII)).isEqualTo(line(n));
        }
    }
}
