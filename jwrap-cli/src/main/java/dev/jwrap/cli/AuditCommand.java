package dev.jwrap.cli;

import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Severity;
import dev.jwrap.audit.report.HtmlReport;
import dev.jwrap.audit.report.JsonReport;
import dev.jwrap.audit.report.TextReport;
import dev.jwrap.audit.review.AuditReport;
import dev.jwrap.audit.review.Auditor;
import dev.jwrap.audit.scan.ChannelOpener;
import dev.jwrap.audit.scan.ScanPolicy;
import dev.jwrap.audit.scan.SelfScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jwrap audit}: what this host (or a directory tree) offers on the network, and what to do about it. */
@Command(
        separator = " ",
        name = "audit",
        description = {
            "List every listening TCP and UDP socket (IPv4 and IPv6) with the process that owns it, read from /proc, "
                    + "the services enabled in inetd.conf, xinetd and systemd socket units, and the posture of "
                    + "hosts.allow and hosts.deny; judge each against jwrap's knowledge base of risky services.",
            "",
            "The audit only reads. What cannot be known without root (the owner of another user's socket) is said, "
                    + "not guessed.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:No finding at or above the --fail-on severity (info findings never count).",
            "1:Findings at or above the --fail-on severity.",
            "2:The audit could not run: no such root directory, an output file that cannot be written."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class AuditCommand implements Callable<Integer> {

    enum Format {
        text,
        json,
        html
    }

    private final CliContext context;

    @Option(names = "--root", paramLabel = "DIR", description = "Audit the tree under DIR (its etc/ and proc/) instead of this host.")
    Path root;

    @Option(names = "--scan", description = "Also connect to this host's own addresses on the listeners' ports "
            + "(loopback first): what is reachable next to what listens. Only for this host, not with --root.")
    boolean scan;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Report format: ${COMPLETION-CANDIDATES} (default: text). html is one self-contained page "
                    + "(inline CSS, no external resource) for a browser or for print; use it with -o FILE.")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Lowest severity that makes the exit status 1: high, medium or low (default: low).")
    String failOn = "low";

    @Option(names = "--no-timestamp", description = "Leave the generation time out of the JSON and HTML reports (for diffs).")
    boolean noTimestamp;

    AuditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Severity threshold;
        try {
            threshold = Severity.valueOf(failOn.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fail("--fail-on: expected high, medium or low, not " + failOn);
        }
        Path dir = root == null ? Path.of("/") : context.cwd().resolve(root);
        AuditReport report;
        try {
            SelfScan self = scan ? new SelfScan(ChannelOpener.SYSTEM, ScanPolicy.forThisHost().ownAddresses()) : null;
            report = new Auditor(dir, KnowledgeBase.builtIn(), dir.equals(Path.of("/"))).run(self);
        } catch (IOException e) {
            return fail(dir + ": " + reason(e));
        }
        int exit = report.exitCode(threshold);
        String text = switch (format) {
            case json -> JsonReport.render(report, version(), noTimestamp ? null : Instant.now(), exit);
            case html -> HtmlReport.render(report, version(), noTimestamp ? null : Instant.now(), exit);
            case text -> new TextReport(output == null && colourTerminal()).render(report, exit);
        };
        if (output != null) {
            Path file = context.cwd().resolve(output);
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return fail(file + ": " + reason(e));
            }
        } else {
            context.out().print(text);
            context.out().flush();
        }
        return exit;
    }

    private int fail(String message) {
        context.err().println("jwrap audit: " + message);
        context.err().flush();
        return AuditReport.ERROR;
    }

    private static String reason(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException n -> n.getReason() != null ? n.getReason() : "no such file or directory";
            case java.nio.file.AccessDeniedException a -> "permission denied";
            default -> e.getMessage();
        };
    }

    /** Colour only for a person at a terminal who has not asked for none (no-color.org). */
    private boolean colourTerminal() {
        return context.out() == System.out && System.console() != null && System.console().isTerminal()
                && System.getenv("NO_COLOR") == null;
    }

    private static String version() {
        String v = Jwrap.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
