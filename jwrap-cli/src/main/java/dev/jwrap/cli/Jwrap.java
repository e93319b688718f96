package dev.jwrap.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code jwrap} command. {@link #run} is the one way in, for {@code main} and for
 * tests, which give their own working directory and streams.
 */
@Command(
        name = "jwrap",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "TCP Wrappers and inetd for the JVM: access control, super-server, audit.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Jwrap implements Runnable {

    private final CliContext context;

    Jwrap(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        context.err().println(new CommandLine(this).getUsageMessage());
    }

    /**
     * Runs {@code jwrap args...}.
     *
     * @param cwd the directory relative paths are taken from (tcpdmatch -d reads ./hosts.allow)
     * @return the exit status
     */
    public static int run(Path cwd, PrintStream out, PrintStream err, String... args) {
        CliContext context = new CliContext(cwd, out, err);
        CommandLine cmd = new CommandLine(new Jwrap(context));
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        return cmd.execute(args);
    }
}
