package dev.jwrap.cli;

import dev.jwrap.core.check.Finding;
import dev.jwrap.core.check.PolicyCheck;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.tools.TcpdChk;
import dev.jwrap.core.tools.ToolEnvironment;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jwrap check}: tcpdchk(8) with the same flags and output, plus jwrap's own analysis. */
@Command(
        separator = " ",
        name = "check",
        description = {
            "Examine hosts.allow, hosts.deny and inetd.conf like tcpdchk(8), then analyse the policy further.",
            "",
            "Standard output is tcpdchk's: empty, or with -v the rule listing, byte for byte.",
            "Standard error gets every tcpdchk message in Debian's syslog words (warning: hosts.allow, line 3: ...), "
                    + "then jwrap's own findings in compiler style (hosts.allow:3: warning: ... [code]): "
                    + "rules that can never take effect (shadowed by an earlier rule, unmatchable, after a line that "
                    + "stops tcpd), a missing default deny, allow rules open to every client, unbracketed IPv6 "
                    + "addresses, CR LF line ends, comments not in column 1.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:Nothing found, notes aside.",
            "1:Findings: at least one warning or error.",
            "2:Unusable input: a table or an inet_conf that cannot be read, bad arguments, or an internal error."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class CheckCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "-a", description = "Report allow rules that grant without an explicit 'allow' option.")
    boolean implicitAllow;

    @Option(names = "-d", description = "Use hosts.allow and hosts.deny in the current directory.")
    boolean currentDirectory;

    @Option(names = "-i", paramLabel = "inet_conf", description = "inetd.conf to read instead of /etc/inetd.conf.")
    String inetConf;

    @Option(names = {"-l", "--lint"}, description = "Lint mode: print every finding, tcpdchk's (classified) and "
            + "jwrap's, as one compiler-style list (file:line: severity: message [code]) on standard output, "
            + "and nothing on standard error.")
    boolean lint;

    @Option(names = "-v", description = "List every rule on standard output, exactly as tcpdchk -v does.")
    boolean verbose;

    @Option(names = "--json", description = "Print the rules, the inetd.conf services and every finding as JSON.")
    boolean json;

    CheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        boolean quiet = lint || json;
        DiagnosticListener live = quiet ? DiagnosticListener.IGNORE : d -> print(context.err(), d.toSyslogText());
        TcpdChk.Invocation invocation = TcpdChk.Invocation.of(
                implicitAllow, currentDirectory, Cli.bytesOf(inetConf), verbose, context.cwd());
        PolicyCheck.Report report = new PolicyCheck(context.services(), ToolEnvironment.SYSTEM).run(invocation, live);
        if (json) {
            context.out().println(CheckJson.render(report));
        } else if (report.tcpdchk().error() != null) {
            print(context.err(), report.tcpdchk().error());
        } else {
            // tcpdchk's stdout: the -v listing, and banner files (a rule may send one for "daemon_name")
            if (verbose || !lint) {
                byte[] text = report.tcpdchk().text().getBytes(StandardCharsets.ISO_8859_1);
                context.out().write(text, 0, text.length);
            }
            PrintStream findings = lint ? context.out() : context.err();
            for (Finding f : lint ? report.findings() : report.analysis()) {
                print(findings, f.toLocatedText());
            }
        }
        context.out().flush();
        context.err().flush();
        return report.exitStatus();
    }

    /** One line, its chars written as the bytes they stand for (the engine's ISO-8859-1 convention). */
    private static void print(PrintStream stream, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
        stream.write(bytes, 0, bytes.length);
    }
}
