package dev.jwrap.it;

import dev.jwrap.it.CaseFile.Invocation;
import java.util.List;

/**
 * Failure messages of the differential tests: both sides' output in the case-file body notation
 * ({@code |} plain line, {@code ~} escaped bytes, so CRs, NULs and a missing final newline are
 * visible), the C tool's syslog and standard error as context, and the case itself in corpus
 * form so that it can be saved as a regression file.
 */
final class DifferenceReport {

    private DifferenceReport() {}

    static String mismatch(Invocation run, List<String> args, ToolRun oracle, ToolRun jwrap) {
        String c = run.tool().executable().getFileName().toString();
        StringBuilder sb = new StringBuilder();
        sb.append(run.tool().subcommand()).append(' ').append(quoted(args)).append('\n');
        sb.append("  exit status: ").append(c).append(' ').append(status(oracle))
                .append(", jwrap ").append(status(jwrap)).append('\n');
        int at = firstDifference(oracle.stdout(), jwrap.stdout());
        if (at >= 0) {
            sb.append("  stdout differs from byte ").append(at).append(" (line ")
                    .append(lineOf(oracle.stdout(), at)).append(")\n");
        }
        section(sb, c + " stdout", oracle.stdout());
        section(sb, "jwrap stdout", jwrap.stdout());
        section(sb, c + " stderr", oracle.stderr());
        sb.append("  ").append(c).append(" syslog:");
        if (oracle.syslog().isEmpty()) {
            sb.append(" (nothing)\n");
        } else {
            sb.append('\n');
            oracle.syslog().forEach(r -> sb.append("    ").append(visible(r.toString())).append('\n'));
        }
        section(sb, "jwrap stderr", jwrap.stderr());
        return sb.toString();
    }

    static String nondeterministic(Invocation run, List<String> args, ToolRun first, ToolRun second) {
        StringBuilder sb = new StringBuilder();
        sb.append(run.tool().subcommand()).append(' ').append(quoted(args)).append('\n');
        sb.append("  the oracle itself answered differently on a second run: the case depends on something")
                .append(" that changes (pid, time, ...) and cannot be a differential test\n");
        section(sb, "first stdout (exit " + status(first) + ")", first.stdout());
        section(sb, "second stdout (exit " + status(second) + ")", second.stdout());
        return sb.toString();
    }

    /** The whole failure message for one case. */
    static String forCase(CaseFile c, List<String> differences, CaseFile failingRunsOnly) {
        StringBuilder sb = new StringBuilder();
        sb.append("jwrap disagrees with the C tool in ").append(differences.size()).append(" of ")
                .append(c.runs().size()).append(" run(s) of case ").append(c.name()).append(":\n\n");
        differences.forEach(d -> sb.append(d).append('\n'));
        String file = c.name().matches("\\d.*") ? c.name() : "NNN-" + c.name();
        sb.append("---- the failing runs as a case file (e.g. src/test/resources/cases/").append(file)
                .append(".case) ----\n");
        sb.append(CaseFileWriter.write(failingRunsOnly));
        sb.append("---- end of case ----\n");
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, byte[] bytes) {
        sb.append("  ").append(title).append(':');
        if (bytes.length == 0) {
            sb.append(" (empty)\n");
            return;
        }
        sb.append('\n');
        StringBuilder body = new StringBuilder();
        CaseFileWriter.body(body, bytes);
        body.toString().lines().forEach(line -> sb.append("    ").append(line).append('\n'));
    }

    private static String status(ToolRun run) {
        if (run.timedOut()) {
            return "(timed out after " + run.elapsed().toMillis() + " ms)";
        }
        return run.exitStatus() == JwrapSubject.THREW ? "(threw)" : Integer.toString(run.exitStatus());
    }

    private static String quoted(List<String> args) {
        return String.join(" ", args.stream().map(EscapedText::quoteArgument).toList());
    }

    private static String visible(String text) {
        return EscapedText.escape(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, bytes.length); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
