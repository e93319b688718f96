package dev.jwrap.cli;

import dev.jwrap.audit.export.ExportPlan;
import dev.jwrap.audit.export.NftablesWriter;
import dev.jwrap.audit.export.PfWriter;
import dev.jwrap.audit.export.Port;
import dev.jwrap.audit.export.ServicePorts;
import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jwrap export nftables|pf}: the part of the access tables a firewall can enforce. */
@Command(
        separator = " ",
        name = "export",
        description = {
            "The access tables as an nftables ruleset or as pf rules.",
            "",
            "Rules keep tcpd's order (hosts.allow, then hosts.deny, first match wins). Daemons become local ports "
                    + "(from inetd.conf, /etc/services and "
                    + "--port), client patterns become address blocks. Every rule a firewall cannot express (host "
                    + "names, KNOWN, LOCAL, netgroups, user@host) becomes a comment that names the rule and says why.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:Written.",
            "1:With --strict: written, but some rule could not be expressed.",
            "2:Error: bad arguments, an unreadable table, an unwritable output file."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class ExportCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "nftables or pf.")
    String format;

    @Option(names = "--root", paramLabel = "DIR", description = "Read etc/inetd.conf, etc/inetd.d and etc/services under DIR (default: /).")
    Path root = Path.of("/");

    @Option(names = "--allow", paramLabel = "FILE", description = "The allow table (default: DIR/etc/hosts.allow).")
    Path allow;

    @Option(names = "--deny", paramLabel = "FILE", description = "The deny table (default: DIR/etc/hosts.deny).")
    Path deny;

    @Option(names = "--port", paramLabel = "DAEMON=PROTO/PORT",
            description = "A standalone daemon that consults the tables and the port it listens on, e.g. sshd=tcp/22. Repeatable.")
    List<String> extraPorts = new ArrayList<>();

    @Option(names = "--drop", description = "Drop denied packets silently instead of answering with a reset.")
    boolean drop;

    @Option(names = "--strict", description = "Exit 1 when some rule could not be expressed.")
    boolean strict;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (replaced atomically) instead of standard output.")
    Path output;

    ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!format.equals("nftables") && !format.equals("pf")) {
            return fail(format + ": unknown format (nftables or pf)");
        }
        Path rootDir = context.cwd().resolve(root);
        if (!Files.isDirectory(rootDir)) {
            return fail(root + ": not a directory");
        }
        ServicePorts ports = ServicePorts.read(rootDir);
        for (String spec : extraPorts) {
            String problem = addPort(ports, spec);
            if (problem != null) {
                return fail("--port " + spec + ": " + problem);
            }
        }
        Path allowFile = context.cwd().resolve(allow != null ? allow : rootDir.resolve("etc/hosts.allow"));
        Path denyFile = context.cwd().resolve(deny != null ? deny : rootDir.resolve("etc/hosts.deny"));
        for (Path table : List.of(allowFile, denyFile)) {
            if (Files.exists(table) && !Files.isReadable(table)) {
                return fail(table + ": cannot read");
            }
        }
        AccessPolicy policy = AccessPolicy.load(TableFile.of(allowFile), TableFile.of(denyFile));
        for (Diagnostic d : policy.diagnostics()) {
            // what tcpd itself would log about the tables; the export still goes on, as tcpd does
            context.err().println("jwrap export: " + d.toLocatedText());
        }
        ExportPlan plan = ExportPlan.of(policy.allowTable(), policy.denyTable(), ports);
        String text = format.equals("pf") ? new PfWriter(drop).write(plan) : new NftablesWriter(drop).write(plan);
        if (output == null) {
            context.out().print(text);
            context.out().flush();
        } else {
            try {
                OutputFile.write(context.cwd().resolve(output), text);
            } catch (IOException e) {
                return fail(output + ": cannot write: " + e.getMessage());
            }
        }
        return strict && plan.limited() ? 1 : 0;
    }

    private static String addPort(ServicePorts ports, String spec) {
        int eq = spec.indexOf('=');
        int slash = spec.indexOf('/', eq + 1);
        if (eq <= 0 || slash < 0) {
            return "expected DAEMON=PROTO/PORT";
        }
        String protocol = spec.substring(eq + 1, slash);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            return "protocol must be tcp or udp";
        }
        int number;
        try {
            number = Integer.parseInt(spec.substring(slash + 1));
        } catch (NumberFormatException e) {
            return "port is not a number";
        }
        if (number < 1 || number > 65535) {
            return "port must be 1 to 65535";
        }
        ports.with(spec.substring(0, eq), new Port(protocol, number));
        return null;
    }

    private int fail(String message) {
        context.err().println("jwrap export: " + message);
        context.err().flush();
        return 2;
    }
}
