package dev.jwrap.cli;

import dev.jwrap.core.LookupServices;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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

    /** Exit status of tcpdmatch for a command-line error. */
    static final int USAGE_MATCH = 1;

    /** Exit status of jwrap commands for unusable input. */
    static final int USAGE = 2;

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    Jwrap(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        context.err().print(spec.commandLine().getUsageMessage());
    }

    /**
     * Runs {@code jwrap args...} with the system's lookup services.
     *
     * @param cwd the directory relative paths are taken from (tcpdmatch -d reads ./hosts.allow)
     * @return the exit status
     */
    public static int run(Path cwd, PrintStream out, PrintStream err, String... args) {
        return run(cwd, out, err, LazyServices::system, args);
    }

    /** Runs {@code jwrap args...} with the given lookup services. */
    public static int run(Path cwd, PrintStream out, PrintStream err, Supplier<LookupServices> services, String... args) {
        CliContext context = new CliContext(cwd, out, err, memoize(services));
        Callable<Integer> plain = PlainToolArguments.parse(context, args);
        return plain != null ? callPlain(context, args[0], plain) : commandLine(context).execute(args);
    }

    /** A command parsed without picocli, failing as picocli's execution exception handler does. */
    private static int callPlain(CliContext context, String name, Callable<Integer> command) {
        try {
            return command.call();
        } catch (Exception e) {
            context.err().println("jwrap " + name + ": " + describe(e));
            return USAGE;
        }
    }

    /**
     * The whole command tree, wired to the context's streams. The build generates the man pages and
     * the completion script from it as well, so a subcommand registered here is documented and
     * completed without further work.
     */
    static CommandLine commandLine(CliContext context) {
        PrintStream err = context.err();
        CommandLine cmd = new CommandLine(new Jwrap(context));
        cmd.addSubcommand("match", new MatchCommand(context));
        cmd.addSubcommand("check", new CheckCommand(context));
        cmd.addSubcommand("inetd", new InetdCommand(context));
        cmd.addSubcommand("tcpd", new TcpdCommand(context));
        // the daemon's own options (in.ftpd -l) belong to the daemon, not to tcpd
        cmd.getSubcommands().get("tcpd").setStopAtPositional(true);
        cmd.addSubcommand("guard", new GuardCommand(context));
        cmd.addSubcommand("audit", new AuditCommand(context));
        cmd.addSubcommand("harden", new HardenCommand(context));
        cmd.addSubcommand("scan", new ScanCommand(context));
        cmd.addSubcommand("export", new ExportCommand(context));
        // new subcommands go above: completion lists every command after it in the help
        cmd.addSubcommand("completion", completionCommand());
        cmd.setOut(new PrintWriter(context.out(), true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setParameterExceptionHandler((ex, argv) -> {
            CommandLine failed = ex.getCommandLine();
            err.println(failed.getCommandName() + ": " + ex.getMessage());
            failed.usage(err);
            // tcpdmatch and inetd exit 1 on a usage error
            return failed.getCommand() instanceof MatchCommand || failed.getCommand() instanceof InetdCommand
                    ? USAGE_MATCH : USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            // an unexpected failure is a bug, but the user still gets one clear line, not a trace
            err.println("jwrap " + failed.getCommandName() + ": " + describe(ex));
            return USAGE;
        });
        // getopt accepts a flag given twice (-d -d); so do we
        cmd.setOverwrittenOptionsAllowed(true);
        return cmd;
    }

    /**
     * picocli's completion script generator, under our name. It computes the script from the tree
     * when it runs, so the script covers every subcommand registered here.
     */
    private static CommandLine completionCommand() {
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().name("completion").versionProvider(VersionProvider.INSTANCE);
        return completion;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null ? ex.getClass().getSimpleName() : message;
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
