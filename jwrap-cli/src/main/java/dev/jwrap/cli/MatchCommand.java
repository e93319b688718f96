package dev.jwrap.cli;

import dev.jwrap.core.Decision;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.tools.TcpdMatch;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jwrap match}: tcpdmatch(8) with the same flags, output and exit status. */
@Command(
        separator = " ",
        name = "match",
        description = {
            "Predict how the access tables answer a request, like tcpdmatch(8).",
            "Prints the client and server as they are known, then 'access: granted|denied|delegated'.",
            "Diagnostics that Debian's tcpdmatch sends to syslog are written to standard error."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:An answer was printed: access granted, denied or delegated alike, as tcpdmatch(8) does.",
            "1:Bad arguments, a host that cannot be found, or an inet_conf that cannot be read.",
            "2:An internal error (reported on one line)."
        })
final class MatchCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "-d", description = "Use hosts.allow and hosts.deny in the current directory.")
    boolean currentDirectory;

    @Option(names = "-i", paramLabel = "inet_conf", description = "inetd.conf to read instead of /etc/inetd.conf.")
    String inetConf;

    @Option(names = "--explain", description = "Also list every rule consulted and whether it matched.")
    boolean explain;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    @Parameters(index = "0", paramLabel = "daemon[@server]", description = "Daemon (process) name, optionally @server host.")
    String daemon;

    @Parameters(index = "1", paramLabel = "[user@]client", description = "Client host name or address, optionally user@.")
    String client;

    MatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DiagnosticListener toStderr = d -> context.err().println(d.toSyslogText());
        TcpdMatch.Result result = new TcpdMatch(context.services(), toStderr)
                .run(new TcpdMatch.Invocation(
                        currentDirectory, inetConf, Cli.bytesOf(daemon), Cli.bytesOf(client), context.cwd(), explain));
        if (result.error() != null) {
            context.err().println(result.error());
        }
        if (json) {
            context.out().println(MatchJson.render(result));
        } else {
            context.out().writeBytes(result.banners());
            context.out().write(result.text().getBytes(StandardCharsets.ISO_8859_1), 0, result.text().length());
        }
        if (explain && !json) {
            for (TcpdMatch.Block block : result.blocks()) {
                context.out().println();
                block.explanation().forEach(line -> context.out().println("explain:  " + line));
                Decision d = block.decision();
                if (d != null) {
                    context.out().println("explain:  decided by "
                            + d.deciding().map(r -> r.file() + " line " + r.line()).orElse("no rule (default)")
                            + (d.error() == null ? "" : " (option error: " + d.error() + ")"));
                }
            }
        }
        context.out().flush();
        return result.exitStatus();
    }
}
