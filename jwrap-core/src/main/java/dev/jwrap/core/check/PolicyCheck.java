package dev.jwrap.core.check;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.tools.TcpdChk;
import dev.jwrap.core.tools.ToolEnvironment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code jwrap check}: tcpdchk's checks and jwrap's analysis in one run, with one list of
 * findings and one verdict.
 *
 * <p>One instance may run several checks; each run is independent. Not thread-safe.
 */
public final class PolicyCheck {

    /** Exit status: nothing found worth more than a note. */
    public static final int CLEAN = 0;
    /** Exit status: at least one warning or error. */
    public static final int FINDINGS = 1;
    /** Exit status: a table or the {@code -i} file could not be read. */
    public static final int UNUSABLE = 2;

    /**
     * The outcome of a check.
     *
     * @param tcpdchk what the tcpdchk part printed and examined
     * @param diagnostics what tcpdchk reported, in its words and order (Debian sends these to syslog)
     * @param analysis jwrap's own findings
     * @param findings every finding: tcpdchk's, classified, and jwrap's, by file and line
     */
    public record Report(TcpdChk.Result tcpdchk, List<Diagnostic> diagnostics, List<Finding> analysis,
            List<Finding> findings) {

        public Report {
            diagnostics = List.copyOf(diagnostics);
            analysis = List.copyOf(analysis);
            findings = List.copyOf(findings);
        }

        /** Whether the input could not be used: an unreadable table or {@code -i} file. */
        public boolean unusable() {
            return tcpdchk.error() != null || !tcpdchk.unreadableTables().isEmpty();
        }

        /** {@link #CLEAN}, {@link #FINDINGS} or {@link #UNUSABLE}. */
        public int exitStatus() {
            if (unusable()) {
                return UNUSABLE;
            }
            return findings.stream().anyMatch(Finding::counts) ? FINDINGS : CLEAN;
        }
    }

    private final LookupServices services;
    private final ToolEnvironment env;

    public PolicyCheck(LookupServices services, ToolEnvironment env) {
        this.services = services;
        this.env = env;
    }

    /**
     * Runs the check.
     *
     * @param live receives tcpdchk's diagnostics as they are found (name lookups can be slow)
     */
    public Report run(TcpdChk.Invocation inv, DiagnosticListener live) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        TcpdChk.Result result = new TcpdChk(services, d -> {
            diagnostics.add(d);
            live.report(d);
        }, env).run(inv);
        if (result.error() != null) {
            return new Report(result, diagnostics, List.of(), List.of());
        }
        List<Finding> analysis = new PolicyAnalyzer().analyze(inv.allow(), inv.deny());
        List<Finding> all = new ArrayList<>(DiagnosticClassifier.classify(diagnostics, result.inetd().name() != null));
        all.addAll(analysis);
        String allow = inv.allow().name();
        String deny = inv.deny().name();
        // whole-run findings first, then the allow table, then the deny table, each by line
        // a class, not Comparator.comparingInt: the JDK's combinator lambdas are spun at run time
        all.sort(new Comparator<Finding>() {
            @Override
            public int compare(Finding a, Finding b) {
                int byFile = Integer.compare(rank(a), rank(b));
                return byFile != 0 ? byFile : Integer.compare(line(a), line(b));
            }

            private int rank(Finding f) {
                return allow.equals(f.file()) ? 1 : deny.equals(f.file()) ? 2 : 0;
            }

            private int line(Finding f) {
                return allow.equals(f.file()) || deny.equals(f.file()) ? f.line() : 0;
            }
        });
        return new Report(result, diagnostics, analysis, all);
    }
}
