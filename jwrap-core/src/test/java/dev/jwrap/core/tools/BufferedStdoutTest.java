package dev.jwrap.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Banner placement recorded from Debian's tcpdchk writing to a pipe. */
class BufferedStdoutTest {

    @Test
    void writeGoesAheadOfBufferedText() {
        BufferedStdout out = new BufferedStdout();
        out.print("listing\n");
        out.write("BANNER\n");
        out.print("more\n");

        assertThat(out.text()).isEqualTo("BANNER\nlisting\nmore\n");
    }

    @Test
    void writeGoesAfterTheLastFullBlock() {
        BufferedStdout out = new BufferedStdout();
        out.print("x".repeat(8179) + "access:   granted\n");
        out.write("BANNER");

        assertThat(out.text().indexOf("BANNER")).isEqualTo(8192);
        assertThat(out.text()).contains("access:   graBANNERnted\n");
    }

    @Test
    void aFullBufferIsFlushedOnlyWhenMoreTextArrives() {
        BufferedStdout out = new BufferedStdout();
        out.print("y".repeat(4096));
        out.write("B");

        assertThat(out.text().indexOf('B')).isZero();
    }
}
