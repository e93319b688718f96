package dev.jwrap.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableReaderTest {

    private static List<LogicalLine> read(String text) {
        return TableReader.read(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void continuationJoinsWithoutBlankAndReportsLastPhysicalLine() {
        List<LogicalLine> lines = read("ALL: 192.0.2.\\\n1\nsshd: x\n");
        assertThat(lines).extracting(LogicalLine::text).containsExactly("ALL: 192.0.2.1\n", "sshd: x\n");
        assertThat(lines).extracting(LogicalLine::lineNumber).containsExactly(2, 3);
    }

    @Test
    void backslashBeforeCrlfDoesNotContinue() {
        assertThat(read("a: b\\\r\nc: d\n")).extracting(LogicalLine::text).containsExactly("a: b\\\r\n", "c: d\n");
    }

    @Test
    void backslashBlankDoesNotContinue() {
        assertThat(read("a: b\\ \nc: d\n")).hasSize(2);
    }

    @Test
    void unterminatedLastLineIsReturnedWithoutNewlineAndNotCounted() {
        List<LogicalLine> lines = read("a: b\nc: d");
        assertThat(lines.get(1).text()).isEqualTo("c: d");
        assertThat(lines.get(1).terminated()).isFalse();
        assertThat(lines.get(1).lineNumber()).isEqualTo(1);
    }

    @Test
    void lineOf2046CharactersFitsAndOf2047IsTooLong() {
        String ok = "a".repeat(2046) + "\n";
        String tooLong = "b".repeat(2047) + "\n";
        List<LogicalLine> lines = read(ok + tooLong);
        assertThat(lines.get(0).terminated()).isTrue();
        assertThat(lines.get(1).text()).hasSize(2047);
        assertThat(lines.get(1).terminated()).isFalse();
        // the rest of the overlong physical line is the next logical line
        assertThat(lines.get(2).text()).isEqualTo("\n");
        assertThat(lines.get(2).lineNumber()).isEqualTo(2);
    }

    @Test
    void nulByteHidesRestOfLineAndGluesNextLine() {
        List<LogicalLine> lines = read("ALL: 1\0junk\n92.0.2.1\nx: y\n");
        assertThat(lines.get(0).text()).isEqualTo("ALL: 192.0.2.1\n");
        assertThat(lines.get(0).lineNumber()).isEqualTo(1);
    }

    @Test
    void continuationCountsJoinedLength() {
        String first = "a".repeat(2000) + "\\\n";
        String second = "b".repeat(100) + "\n";
        LogicalLine line = read(first + second).getFirst();
        assertThat(line.terminated()).isFalse();
        assertThat(line.text()).hasSize(2047);
    }
}
