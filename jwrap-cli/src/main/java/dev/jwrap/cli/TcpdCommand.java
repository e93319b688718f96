package dev.jwrap.cli;

import dev.jwrap.proxy.tcpd.TcpdSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jwrap tcpd}: tcpd(8), the wrapper a super-server runs in front of a daemon. The launchers
 * ({@code jwrap-tcpd}, and {@code jwrap tcpd}) start {@link TcpdMain} directly, without picocli;
 * this command is the same wrapper inside the picocli tree, for {@code java -jar jwrap.jar tcpd},
 * the help, the man page and completion.
 */
@Command(
        name = "tcpd",
        description = {
            "Check a connection handed over by inetd against hosts.allow and hosts.deny, like tcpd(8), then"
                    + " replace this process with the daemon.",
            "The client socket is on file descriptors 0, 1 and 2; it stays there for the daemon."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:Access refused, or the daemon could not be executed (after the delay). On success the"
                    + " daemon's own status, as jwrap tcpd has become the daemon.",
            "2:Bad arguments (reported on one line)."
        })
final class TcpdCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--allow", paramLabel = "FILE", description = "Allow table instead of /etc/hosts.allow.")
    Path allow = TcpdSettings.of(List.of()).allow();

    @Option(names = "--deny", paramLabel = "FILE", description = "Deny table instead of /etc/hosts.deny.")
    Path deny = TcpdSettings.of(List.of()).deny();

    @Option(names = "--refusal-delay", paramLabel = "SECONDS", hidden = true,
            description = "Seconds a refused wrapper waits before it exits (tcpd: 5); for tests and AOT training.")
    double refusalDelay = TcpdSettings.TCPD_DELAY.toSeconds();

    @Parameters(index = "0", paramLabel = "DAEMON",
            description = "The daemon: an absolute path (its base name is the daemon name), or a name in /usr/sbin.")
    String daemon;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments passed to the daemon unchanged.")
    List<String> arguments = new ArrayList<>();

    TcpdCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (refusalDelay < 0) {
            context.err().println("jwrap tcpd: --refusal-delay cannot be negative");
            return Jwrap.USAGE;
        }
        List<String> words = new ArrayList<>();
        words.add(daemon);
        words.addAll(arguments);
        TcpdSettings settings = new TcpdSettings(allow, deny, Duration.ofMillis(Math.round(refusalDelay * 1000)), words);
        return TcpdMain.run(settings, context.services());
    }
}
