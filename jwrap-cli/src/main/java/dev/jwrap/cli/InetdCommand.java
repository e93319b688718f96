package dev.jwrap.cli;

import dev.jwrap.core.TableFile;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.inetd.builtin.UdpSourceFilter;
import dev.jwrap.inetd.config.InetdConfig;
import dev.jwrap.inetd.config.InetdConfigParser;
import dev.jwrap.inetd.config.ParserOptions;
import dev.jwrap.inetd.config.ServicesDatabase;
import dev.jwrap.host.log.StreamSyslog;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.log.SystemdNotifier;
import dev.jwrap.host.log.UnixSocketSyslog;
import dev.jwrap.host.process.ServerSignals;
import dev.jwrap.inetd.server.PassedSockets;
import dev.jwrap.inetd.server.PidFile;
import dev.jwrap.inetd.server.Supervisor;
import dev.jwrap.inetd.server.SupervisorOptions;
import dev.jwrap.inetd.server.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jwrap inetd}: the super-server, with openbsd-inetd's flags and TCP Wrappers built in. */
@Command(
        separator = " ",
        name = "inetd",
        description = {
            "Serve the services of an OpenBSD-format inetd.conf: built-ins in-process, other programs started per "
                    + "connection with the socket on standard input, output and error, and hosts.allow / hosts.deny "
                    + "checked in-process (no tcpd process).",
            "",
            "Listening sockets passed by systemd socket activation (LISTEN_FDS) are served by the entries with the "
                    + "same socket type and local address and port instead of being bound; passed sockets no entry "
                    + "uses are logged and closed.",
            "",
            "Lines whose server is /usr/sbin/tcpd are always checked, with tcpd's daemon name and log lines; -l checks "
                    + "what Debian's inetd -l checks; --wrap-all checks every service. SIGHUP re-reads the "
                    + "configuration and the tables (a file that fails to load leaves the previous one in force); "
                    + "SIGTERM closes every listening socket and exits.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:Shut down by SIGTERM or SIGINT; with --check: every line is valid.",
            "1:The configuration cannot be read, a bad option; with --check: some line is invalid."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class InetdCommand implements Callable<Integer> {

    private static final Path DEFAULT_CONFIG = Path.of("/etc/inetd.conf");

    private final CliContext context;

    @Option(names = "-d", description = "Debug: trace to standard error, and log there as well as to syslog.")
    boolean debug;

    @Option(names = "-E", description = "Pass the environment to children unchanged (no laundering).")
    boolean keepEnvironment;

    @Option(names = "-i", description = "Do not daemonize (jwrap inetd always stays in the foreground).")
    boolean foreground;

    @Option(names = "-l", description = "Check and log connections as Debian's inetd -l does.")
    boolean libwrap;

    @Option(names = "-q", paramLabel = "len", description = "Listen backlog (default 128; at least 10).")
    int backlog = SupervisorOptions.DEFAULT_BACKLOG;

    @Option(names = "-R", paramLabel = "rate",
            description = "Invocations per minute for lines without .max (default 256).")
    String rate;

    @Option(names = "--allow", paramLabel = "FILE", description = "hosts.allow to use (default /etc/hosts.allow).")
    Path allow;

    @Option(names = "--deny", paramLabel = "FILE", description = "hosts.deny to use (default /etc/hosts.deny).")
    Path deny;

    @Option(names = "--wrap-all", description = "Check every service against the tables, built-ins and datagram "
            + "services included.")
    boolean wrapAll;

    @Option(names = "--udp-filter", paramLabel = "MODE", converter = UdpFilterConverter.class,
            description = "Which UDP requests the built-ins refuse: debian (default; exactly what openbsd-inetd refuses: "
                    + "multicast, broadcast, 0/8, 127/8, 255/8, v4-mapped sources) or jwrap (upstream OpenBSD: "
                    + "loopback allowed, source ports below 1024 and 2049 refused).")
    UdpSourceFilter.Mode udpFilter = UdpSourceFilter.Mode.DEBIAN;

    @Option(names = "--tcpmux", description = "Accept TCPMUX (RFC 1078) lines: 'tcpmux stream tcp nowait root internal' "
            + "serves the multiplexer, 'tcpmux/NAME' and 'tcpmux/+NAME' entries are reached through it (with +, jwrap "
            + "sends +Go first). openbsd-inetd has no TCPMUX, so this is off by default.")
    boolean tcpmux;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the process id to FILE while serving "
            + "(default /run/jwrap-inetd.pid; not written with -d or --demo unless this option is given).")
    Path pidFile;

    @Option(names = "--services", paramLabel = "FILE", description = "Services database (default /etc/services).")
    Path servicesFile;

    @Mixin
    ObservabilityOptions reporting = new ObservabilityOptions();

    @Option(names = "--check", description = "Only validate the configuration: print file:line: reason for each "
            + "problem; exit 1 when a line is invalid.")
    boolean check;

    @Option(names = "--demo", description = "Serve echo, daytime, chargen and two spawned services on loopback high "
            + "ports with a demo hosts.allow/hosts.deny, and print what to try.")
    boolean demo;

    @Parameters(index = "0", arity = "0..1", paramLabel = "configuration_file",
            description = "inetd.conf to read (default /etc/inetd.conf).")
    Path config;

    InetdCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = context.err();
        Syslog stderrLog = new StreamSyslog(err, "inetd", ProcessHandle.current().pid());
        InetdDemo demoSetup = demo ? InetdDemo.create() : null;
        Path configFile = demoSetup != null ? demoSetup.config() : resolve(config == null ? DEFAULT_CONFIG : config);
        ServicesDatabase services;
        try {
            services = demoSetup != null ? demoSetup.services()
                    : ServicesDatabase.load(servicesFile == null ? ServicesDatabase.SYSTEM_FILE : resolve(servicesFile));
        } catch (IOException e) {
            err.println("inetd: " + e.getMessage());
            return 1;
        }
        InetdConfigParser parser = new InetdConfigParser(services, new ParserOptions(invocationRate(stderrLog), tcpmux));
        if (check) {
            return check(parser, configFile);
        }
        Syslog log = demoSetup != null ? stderrLog : systemLog(stderrLog);
        SupervisorOptions options = new SupervisorOptions(libwrap, wrapAll, keepEnvironment, backlog,
                demoSetup != null ? TableFile.of(demoSetup.allow()) : table(allow, TableFile.SYSTEM_ALLOW),
                demoSetup != null ? TableFile.of(demoSetup.deny()) : table(deny, TableFile.SYSTEM_DENY), udpFilter);
        InetdObservability observability = reporting.open(log, err, "inetd: ");
        if (observability == null) {
            return 1;
        }
        try (observability) {
            // systemd socket activation: sockets passed to this process are served instead of bound
            PassedSockets passed = demoSetup != null ? PassedSockets.none()
                    : PassedSockets.fromEnvironment(System.getenv(), ProcessHandle.current().pid(), log);
            Supervisor supervisor;
            try {
                supervisor = Supervisor.start(() -> parser.parse(configFile), options, log,
                        debug ? Trace.to(err) : Trace.OFF, services, context.services(), observability.observability(),
                        passed);
            } catch (IOException e) {
                log.error(configFile + ": " + reason(e));
                passed.close();
                return 1;
            }
            if (demoSetup != null) {
                demoSetup.printInstructions(context.out());
            }
            try (SystemdNotifier systemd = notifier(log)) {
                return serve(supervisor, systemd, () -> writePidFile(log, demoSetup != null));
            }
        }
    }

    /** sd_notify for a {@code Type=notify} unit; a NOTIFY_SOCKET that cannot be used is logged and ignored. */
    private static SystemdNotifier notifier(Syslog log) {
        try {
            return SystemdNotifier.fromEnvironment(System.getenv());
        } catch (IOException e) {
            log.warning(SystemdNotifier.VARIABLE + " not used: " + e.getMessage());
            return null;
        }
    }

    /** The PID file, as inetd writes one (-i included); none in debug or demo runs unless asked for. */
    private PidFile writePidFile(Syslog log, boolean demoRun) {
        if (pidFile == null && (debug || demoRun)) {
            return null;
        }
        Path path = pidFile == null ? PidFile.DEFAULT : resolve(pidFile);
        try {
            return PidFile.write(path, ProcessHandle.current().pid());
        } catch (IOException e) {
            log.warning(path + ": cannot write the PID file: " + reason(e));
            return null;
        }
    }

    /**
     * Runs until SIGTERM/SIGINT; signal handlers only queue work for this thread. The PID file and
     * READY come after the handlers are in place, so whoever sees them can signal the server.
     */
    private int serve(Supervisor supervisor, SystemdNotifier systemd, java.util.function.Supplier<PidFile> pidFile) {
        BlockingQueue<Boolean> events = new LinkedBlockingQueue<>();
        try (ServerSignals signals = ServerSignals.install(
                        () -> events.add(Boolean.TRUE), () -> events.add(Boolean.FALSE), supervisor::childExited);
                PidFile pid = pidFile.get()) {
            notify(systemd, SystemdNotifier::ready);
            while (events.take()) {
                notify(systemd, SystemdNotifier::reloading);
                supervisor.reload();
                notify(systemd, SystemdNotifier::ready);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            notify(systemd, SystemdNotifier::stopping);
            supervisor.close();
        }
        return 0;
    }

    private static void notify(SystemdNotifier systemd, java.util.function.Consumer<SystemdNotifier> message) {
        if (systemd != null) {
            message.accept(systemd);
        }
    }

    private int check(InetdConfigParser parser, Path file) {
        InetdConfig parsed;
        try {
            parsed = parser.parse(file);
        } catch (IOException e) {
            context.out().println(file + ": " + reason(e));
            return 1;
        }
        for (Diagnostic d : parsed.diagnostics()) {
            String where = d.hasLocation() ? d.file() + ":" + d.line() + ": " : "";
            String tag = d.severity() == Diagnostic.Severity.ERROR ? "" : "warning: ";
            context.out().println(where + tag + d.message());
        }
        return parsed.hasErrors() ? 1 : 0;
    }

    /** {@code -R}: an invalid value is logged and ignored, as inetd does. */
    private int invocationRate(Syslog log) {
        if (rate == null) {
            return ParserOptions.DEFAULT_MAX_PER_MINUTE;
        }
        try {
            int value = Integer.parseInt(rate);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, like any other bad value
        }
        log.error("-R " + rate + ": bad value for service invocation rate");
        return ParserOptions.DEFAULT_MAX_PER_MINUTE;
    }

    private Syslog systemLog(Syslog stderrLog) {
        return SystemLogs.open("inetd", debug, stderrLog);
    }

    private TableFile table(Path path, TableFile fallback) {
        return path == null ? fallback : TableFile.of(resolve(path));
    }

    private Path resolve(Path path) {
        return context.cwd().resolve(path);
    }

    private static String reason(IOException e) {
        return e instanceof NoSuchFileException ? "No such file or directory" : e.getMessage();
    }

    /** {@code --udp-filter debian|jwrap}, in lower case as written on the command line. */
    static final class UdpFilterConverter implements CommandLine.ITypeConverter<UdpSourceFilter.Mode> {
        @Override
        public UdpSourceFilter.Mode convert(String value) {
            return switch (value) {
                case "debian" -> UdpSourceFilter.Mode.DEBIAN;
                case "jwrap" -> UdpSourceFilter.Mode.JWRAP;
                default -> throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a UDP filter (use debian or jwrap)");
            };
        }
    }
}
