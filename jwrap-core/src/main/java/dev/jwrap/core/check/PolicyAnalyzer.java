package dev.jwrap.core.check;

import dev.jwrap.core.TableFile;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.policy.PatternCompiler;
import dev.jwrap.core.policy.Table;
import dev.jwrap.core.policy.TableCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * jwrap's own analysis of hosts.allow and hosts.deny, beyond what tcpdchk checks: rules that can
 * never take effect (shadowed by an earlier rule, unmatchable, or after a line that stops tcpd),
 * the policy's defaults (a missing final deny, allow rules open to everyone), and textual traps
 * (CR LF, indented comments, comments that swallow a line, unbracketed IPv6 addresses). Purely
 * static: it reads the tables (and the {@code /file} lists they name) and looks nothing up.
 *
 * <p>Every finding is certain under tcpd's semantics; in particular a rule is called shadowed only
 * when an earlier rule provably matches every request it matches.
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyAnalyzer {

    /** Reads and analyses the two tables; a missing table is empty, an unreadable one is skipped. */
    public List<Finding> analyze(TableFile allow, TableFile deny) {
        return analyze(allow.name(), read(allow), deny.name(), read(deny));
    }

    /**
     * Analyses tables given as bytes.
     *
     * @param allowContent the allow table's bytes, empty when missing, null when unreadable
     * @param denyContent the deny table's bytes, likewise
     */
    public List<Finding> analyze(String allowName, byte[] allowContent, String denyName, byte[] denyContent) {
        TableCompiler compiler = new TableCompiler(new PatternCompiler(DiagnosticListener.IGNORE), DiagnosticListener.IGNORE);
        Table allow = allowContent == null ? new Table(allowName, List.of(), true) : compiler.compile(allowName, allowContent);
        Table deny = denyContent == null ? new Table(denyName, List.of(), true) : compiler.compile(denyName, denyContent);
        List<Finding> out = new ArrayList<>();
        if (allowContent != null) {
            out.addAll(LineAnalysis.analyze(allowName, allowContent, false));
        }
        if (denyContent != null) {
            out.addAll(LineAnalysis.analyze(denyName, denyContent, true));
        }
        out.addAll(PatternAnalysis.analyze(allow));
        out.addAll(PatternAnalysis.analyze(deny));
        out.addAll(ShadowAnalysis.analyze(allow, deny));
        out.addAll(DefaultsAnalysis.analyze(allow, deny, denyContent == null ? 0 : lineCount(denyContent)));
        // file order, then line order; the sort is stable, so one line's findings keep their order.
        // A class, not Comparator.comparingInt: the JDK's combinator lambdas are spun at run time.
        out.sort(new Comparator<Finding>() {
            @Override
            public int compare(Finding a, Finding b) {
                int byFile = Integer.compare(allowName.equals(a.file()) ? 0 : 1, allowName.equals(b.file()) ? 0 : 1);
                return byFile != 0 ? byFile : Integer.compare(a.line(), b.line());
            }
        });
        return out;
    }

    private static byte[] read(TableFile table) {
        try {
            return Files.isDirectory(table.path()) ? new byte[0] : Files.readAllBytes(table.path());
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            return null;
        }
    }

    /** Physical lines, counting a last line without newline. */
    private static int lineCount(byte[] content) {
        int n = 0;
        for (byte b : content) {
            if (b == '\n') {
                n++;
            }
        }
        return content.length > 0 && content[content.length - 1] != '\n' ? n + 1 : n;
    }
}
