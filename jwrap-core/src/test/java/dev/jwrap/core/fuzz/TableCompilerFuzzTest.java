package dev.jwrap.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.Table;
import dev.jwrap.core.policy.TableIndex;
import dev.jwrap.core.source.LogicalLine;
import dev.jwrap.core.source.TableReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The table reader, compiler and index on arbitrary bytes: no exception; every logical line fits
 * libwrap's 2048-byte buffer; rules are numbered 0..n-1 in file order with non-decreasing line
 * numbers; diagnostics carry the table's name and a line the file has; and walking the index for
 * a few requests yields table rules in strictly increasing order.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this replays {@code TableCompilerFuzzTestInputs/} as a plain test.
 */
class TableCompilerFuzzTest {

    private static final String[][] PROBES = {
        {"sshd", "unknown", "192.0.2.1"},
        {"in.telnetd", "host.example.test", "10.1.2.3"},
        {"ALL", "localhost", "2001:db8::1"},
        {"", "", ""},
    };

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "hosts_access.dict")
    void compileAndIndex(byte[] data) {
        if (FuzzSupport.mayReadFiles(data)) {
            return;
        }
        List<LogicalLine> lines = TableReader.read(data);
        int physicalLines = 0;
        for (byte b : data) {
            physicalLines += b == '\n' ? 1 : 0;
        }
        for (LogicalLine line : lines) {
            assertThat(line.text().length()).as("logical line length").isLessThan(TableReader.BUFFER_SIZE);
            assertThat(line.lineNumber()).isBetween(0, physicalLines);
        }

        List<Diagnostic> diagnostics = new ArrayList<>();
        Table table = FuzzSupport.compile("hosts.allow", data, diagnostics::add);
        int previousLine = 0;
        for (int i = 0; i < table.rules().size(); i++) {
            Rule rule = table.rules().get(i);
            assertThat(rule.index()).isEqualTo(i);
            assertThat(rule.ref().line()).isGreaterThanOrEqualTo(previousLine).isLessThanOrEqualTo(physicalLines);
            previousLine = rule.ref().line();
        }
        for (Diagnostic d : diagnostics) {
            assertThat(d.file()).isEqualTo("hosts.allow");
            assertThat(d.line()).isBetween(0, physicalLines);
            assertThat(d.toLocatedText()).isNotEmpty();
        }

        TableIndex index = TableIndex.of(table);
        for (String[] probe : PROBES) {
            TableIndex.Cursor cursor = index.cursor(probe[0], HostEndpoint.ofStrings(probe[1], probe[2]), HostEndpoint.unknown());
            int last = -1;
            for (Rule r = cursor.next(); r != null; r = cursor.next()) {
                assertThat(r.index()).isGreaterThan(last);
                assertThat(table.rules().get(r.index())).isSameAs(r);
                last = r.index();
            }
        }
    }
}
