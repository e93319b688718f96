package dev.jwrap.cli;

import dev.jwrap.audit.harden.AdminSession;
import dev.jwrap.audit.harden.ClientNet;
import dev.jwrap.audit.harden.HardenJson;
import dev.jwrap.audit.harden.HardenOptions;
import dev.jwrap.audit.harden.Hardener;
import dev.jwrap.audit.kb.KnowledgeBase;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jwrap harden}: turn off the risky inetd services and default-deny the rest, reversibly. */
@Command(
        separator = " ",
        name = "harden",
        description = {
            "Comment out (never delete) the risky services of inetd.conf with a marker saying when and why (xinetd: "
                    + "disable = yes in the service's block), add "
                    + "'ALL: ALL' to hosts.deny and the allow rules that keep the administrator and the kept services "
                    + "reachable to hosts.allow. The originals are kept as FILE.dist (never overwritten) and in an undo "
                    + "journal under /var/lib/jwrap/harden; every file is replaced atomically with its owner and mode.",
            "",
            "Before writing, the new tables are evaluated with jwrap's engine: harden refuses to lock out the "
                    + "current SSH session or a kept service's allowed networks. Running it twice changes nothing "
                    + "the second time.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:Applied, nothing to do, or undone.",
            "1:--dry-run with changes pending; --undo left a file that changed since.",
            "2:Refused or failed: bad arguments, an unreadable or read-only file, a plan that would lock out ssh."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class HardenCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--root", paramLabel = "DIR", description = "Harden the tree under DIR instead of this host.")
    Path root;

    @Option(names = "--dry-run", description = "Show the changes as a unified diff; write nothing.")
    boolean dryRun;

    @Option(names = "--undo", description = "Restore the files of the most recent run byte for byte.")
    boolean undo;

    @Option(names = "--purge", description = "With --undo: also remove the .dist copies that run created.")
    boolean purge;

    @Option(names = "--force", description = "With --undo: restore files that changed since the run too. "
            + "Otherwise: disable a service even when it serves this very session (a login over telnet).")
    boolean force;

    @Option(names = "--keep", paramLabel = "SERVICE", arity = "1..*", description = "Do not disable SERVICE.")
    List<String> keep = new ArrayList<>();

    @Option(names = "--only", paramLabel = "SERVICE", arity = "1..*", description = "Disable only SERVICE.")
    List<String> only = new ArrayList<>();

    @Option(names = "--allow-from", paramLabel = "NET", arity = "1..*",
            description = "Keep the kept wrapped services (and sshd on this host) reachable from NET (a.b.c.d/len, [v6]/len).")
    List<String> allowFrom = new ArrayList<>();

    @Option(names = "--admin-net", paramLabel = "NET", arity = "1..*", description = "Keep sshd reachable from NET.")
    List<String> adminNet = new ArrayList<>();

    @Option(names = "--no-default-deny", description = "Do not add 'ALL: ALL' to hosts.deny.")
    boolean noDefaultDeny;

    @Option(names = "--wrap", description = "Put the kept inetd services that do not run tcpd behind tcpd "
            + "(the original line stays as a comment).")
    boolean wrap;

    @Option(names = "--reload", description = "On this host: after the change, send SIGHUP to the running inetd or xinetd "
            + "and report which ports closed. Never kills or restarts anything.")
    boolean reload;

    @Option(names = "--now", paramLabel = "YYYY-MM-DD", description = "Date in the markers (default: today, UTC, or SOURCE_DATE_EPOCH).")
    String now;

    enum Format {
        text,
        json,
        html
    }

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output: ${COMPLETION-CANDIDATES} (default: text). "
            + "json is one jwrap.harden/1 object (the diffs, notices, advice, reload lines); html, with --dry-run only, "
            + "is the audit report of the tree with the harden preview.")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the json or html output to FILE.")
    Path output;

    HardenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path dir = root == null ? Path.of("/") : context.cwd().resolve(root);
        if (format == Format.html && (!dryRun || undo)) {
            context.err().println("jwrap harden: --format html shows a preview: only with --dry-run");
            return Hardener.ERROR;
        }
        if (format == Format.text && output != null) {
            context.err().println("jwrap harden: -o FILE is for --format json or html");
            return Hardener.ERROR;
        }
        boolean live = isLiveRoot(dir);
        AdminSession session = live ? AdminSession.detect(System.getenv(), Path.of("/proc")) : AdminSession.NONE;
        PrintStream out = format == Format.text ? context.out() : new PrintStream(OutputStream.nullOutputStream());
        Hardener hardener = new Hardener(KnowledgeBase.builtIn(), session, out, context.err(), Clock.systemUTC());
        int status;
        if (undo) {
            status = hardener.undo(dir, force, purge);
        } else {
            HardenOptions options;
            try {
                options = new HardenOptions(dir, dryRun, Set.copyOf(keep), Set.copyOf(only), nets(allowFrom, "--allow-from"),
                        nets(adminNet, "--admin-net"), noDefaultDeny, wrap, reload, force, date(), crashHook());
            } catch (IllegalArgumentException e) {
                context.err().println("jwrap harden: " + e.getMessage());
                return Hardener.ERROR;
            }
            status = hardener.harden(options);
        }
        if (format != Format.text) {
            String document;
            try {
                document = format == Format.json ? HardenJson.render(hardener.result())
                        : HardenOutput.previewPage(dir, live, hardener.result());
            } catch (java.io.IOException e) {
                context.err().println("jwrap harden: " + dir + ": cannot audit for the preview: " + e.getMessage());
                return Hardener.ERROR;
            }
            status = new HardenOutput(context, output).write(document, status);
        }
        context.out().flush();
        context.err().flush();
        return status;
    }

    private static boolean isLiveRoot(Path dir) {
        try {
            return Files.isSameFile(dir, Path.of("/"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<ClientNet> nets(List<String> texts, String option) {
        List<ClientNet> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(ClientNet.parse(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private LocalDate date() {
        if (now != null) {
            try {
                return LocalDate.parse(now);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--now: expected YYYY-MM-DD, not " + now, e);
            }
        }
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.matches("\\d+")) {
            return LocalDate.ofInstant(Instant.ofEpochSecond(Long.parseLong(epoch)), ZoneOffset.UTC);
        }
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Test hook (spec §9.4 item 23): die after the nth file replacement. */
    private static int crashHook() {
        String n = System.getenv("JWRAP_TEST_CRASH_AFTER");
        return n != null && n.matches("\\d{1,3}") ? Integer.parseInt(n) : 0;
    }
}
