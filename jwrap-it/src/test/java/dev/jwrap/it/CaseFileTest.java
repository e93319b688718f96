package dev.jwrap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jwrap.it.CaseFile.FileEntry;
import dev.jwrap.it.CaseFile.Invocation;
import dev.jwrap.it.CaseFile.ModeEntry;
import dev.jwrap.it.CaseFile.SymlinkEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The case-file format: parsing, escapes, printing. Needs no namespace and no C tool. */
class CaseFileTest {

    @Test
    void bodyLines_plainAddNewline_escapedAddNothing() {
        CaseFile c = CaseFileReader.read("t", """
                # a description
                #
                file hosts.deny
                |ALL: 192.0.2.1\\
                ~ALL: \\x41\\r\\n\\0\\{3:ab}\\\\
                file empty
                match -d in.telnetd 192.0.2.1
                """);

        assertThat(c.description()).containsExactly("a description", "");
        assertThat(c.entries()).containsExactly(
                new FileEntry("hosts.deny", bytes("ALL: 192.0.2.1\\\nALL: A\r\n\0ababab\\")),
                new FileEntry("empty", new byte[0]));
        assertThat(c.runs()).containsExactly(new Invocation(Tool.MATCH, List.of("-d", "in.telnetd", "192.0.2.1")));
    }

    @Test
    void arguments_quotesEscapesAndEmpty() {
        CaseFile c = CaseFileReader.read("t", """
                match -d "in telnetd" "" a\\tb \\{3:x}@y "q\\"uote"
                check
                """);

        assertThat(c.runs()).containsExactly(
                new Invocation(Tool.MATCH, List.of("-d", "in telnetd", "", "a\tb", "xxx@y", "q\"uote")),
                new Invocation(Tool.CHECK, List.of()));
    }

    @Test
    void otherDirectives() {
        CaseFile c = CaseFileReader.read("t", """
                dir adir
                symlink hosts.allow ${DIR}/nosuch
                mode adir 0700
                match -d a b
                """);

        assertThat(c.entries()).containsExactly(
                new CaseFile.DirEntry("adir"),
                new SymlinkEntry("hosts.allow", "${DIR}/nosuch"),
                new ModeEntry("adir", 0700));
    }

    @Test
    void mistakes_areReportedWithFileAndLine() {
        assertThatThrownBy(() -> CaseFileReader.read("x", "file a\n~\\q\nmatch\n")).hasMessageStartingWith("x:2:");
        assertThatThrownBy(() -> CaseFileReader.read("x", "|orphan\nmatch\n")).hasMessageContaining("outside a file");
        assertThatThrownBy(() -> CaseFileReader.read("x", "file a\n|cr\r\nmatch\n")).hasMessageContaining("raw CR");
        assertThatThrownBy(() -> CaseFileReader.read("x", "file ../a\nmatch\n")).hasMessageContaining("bad path");
        assertThatThrownBy(() -> CaseFileReader.read("x", "file a\n")).hasMessageContaining("no match/check run");
        assertThatThrownBy(() -> CaseFileReader.read("x", "frobnicate\n")).hasMessageContaining("unknown directive");
    }

    @Test
    void writer_usesEscapedLinesForWhatIsFragile() {
        byte[] content = bytes("plain\n trailing blank \ttab\nnul\0\r\n" + "x".repeat(40) + "\nno newline");
        CaseFile c = new CaseFile(
                "t", List.of("d"), List.of(new FileEntry("f", content)), List.of(new Invocation(Tool.MATCH, List.of("a b", ""))));

        String text = CaseFileWriter.write(c);

        assertThat(text).isEqualTo("""
                # d
                file f
                |plain
                ~ trailing blank \\ttab\\n
                ~nul\\0\\r\\n
                ~\\{40:x}\\n
                ~no newline
                match "a b" ""
                """);
        assertThat(CaseFileReader.read("t", text)).isEqualTo(c);
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileParsesAndPrintsBack() {
        return Stream.concat(Corpus.files("cases").stream(), Corpus.files("pending/check").stream())
                .map(file -> dynamicTest(file.getFileName().toString(), () -> {
                    CaseFile c = Corpus.read(file);
                    assertThat(CaseFileReader.read(c.name(), CaseFileWriter.write(c))).isEqualTo(c);
                }));
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }
}
