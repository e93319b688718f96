package dev.jwrap.cli;

import dev.jwrap.core.TableFile;
import dev.jwrap.host.log.StreamSyslog;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ChannelDescriptors;
import dev.jwrap.host.process.ChildReaper;
import dev.jwrap.host.process.Environment;
import dev.jwrap.host.process.PosixSpawnLauncher;
import dev.jwrap.host.process.ServerSignals;
import dev.jwrap.host.process.ShellCommands;
import dev.jwrap.inetd.server.Observability;
import dev.jwrap.proxy.guard.Guard;
import dev.jwrap.proxy.guard.GuardConfig;
import dev.jwrap.proxy.guard.GuardConfigException;
import dev.jwrap.proxy.guard.GuardConfigParser;
import dev.jwrap.proxy.guard.GuardServices;
import dev.jwrap.proxy.guard.HostPort;
import dev.jwrap.proxy.guard.Limits;
import dev.jwrap.proxy.guard.ProxyProtocol;
import dev.jwrap.proxy.guard.Route;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwrap guard}: hosts.allow / hosts.deny in front of standalone daemons, as a relay. */
@Command(
        name = "guard",
        description = {
            "Guard a standalone daemon with hosts.allow / hosts.deny, relaying the connections they allow.",
            "",
            "Each connection is checked under the daemon's name (so rules such as \"sshd: 10.0.0.0/8\" keep "
                    + "working); allowed ones are relayed to the daemon, the others refused as tcpd refuses them: "
                    + "log line, banner, twist, close.",
            "",
            "Give one or more --listen/--to/--daemon groups, or --config FILE. SIGHUP or a change of the "
                    + "configuration file or the tables reloads them; what fails to load is logged and the last good "
                    + "version stays in force. SIGTERM closes everything and exits.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:Shut down by SIGTERM or SIGINT.",
            "1:The configuration is unusable or an address cannot be bound.",
            "2:A command-line error."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class GuardCommand implements Callable<Integer> {

    /** One guarded service on the command line. */
    static final class ServiceOptions {
        @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
                description = "Address to accept connections on ([::1]:2222 for IPv6, *:2222 for all).")
        String listen;

        @Option(names = "--to", required = true, paramLabel = "HOST:PORT",
                description = "The daemon's address, where allowed connections are relayed.")
        String to;

        @Option(names = "--daemon", required = true, paramLabel = "NAME",
                description = "Daemon name the tables are checked with, e.g. sshd.")
        String daemon;
    }

    private final CliContext context;

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "%nServices (repeat the group for more):%n")
    List<ServiceOptions> services = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read services, tables and limits from FILE instead (see CONFIGURATION FILE).")
    Path config;

    @Option(names = "--allow", paramLabel = "FILE", description = "hosts.allow to use (default /etc/hosts.allow).")
    Path allow;

    @Option(names = "--deny", paramLabel = "FILE", description = "hosts.deny to use (default /etc/hosts.deny).")
    Path deny;

    @Option(names = "--proxy-protocol", paramLabel = "v1|v2",
            description = "Send the HAProxy PROXY header (text v1 or binary v2) to the daemon first, so it sees the "
                    + "real client.")
    String proxyProtocol;

    @Option(names = "--per-source", paramLabel = "N",
            description = "Concurrent connections per client address (default 32; 0: unlimited).")
    Integer perSource;

    @Option(names = "--rate", paramLabel = "N",
            description = "New connections per client address per minute (default 0: unlimited).")
    Integer rate;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Concurrent connections in total (default 4096; 0: unlimited).")
    Integer maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Close a connection with no traffic either way for this long (default 5m; e.g. 30s, 500ms).")
    String idleTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION",
            description = "How long connecting to the daemon may take (default 10s).")
    String connectTimeout;

    @Option(names = "--watch-interval", paramLabel = "DURATION",
            description = "How often the configuration file and the tables are checked for change (default 2s).")
    String watchInterval = "2s";

    @Option(names = "--loops", paramLabel = "N",
            description = "Event loops (threads) that accept, check and relay connections (default: one per "
                    + "processor).")
    Integer loops;

    @Option(names = "-d", description = "Debug: log to standard error as well as to syslog.")
    boolean debug;

    @Mixin
    ObservabilityOptions reporting = new ObservabilityOptions();

    GuardCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        GuardConfig first;
        Duration watch;
        try {
            watch = GuardConfigParser.duration(watchInterval);
            if (loops != null && loops < 1) {
                throw new IllegalArgumentException("--loops must be at least 1, got " + loops);
            }
            first = load();
        } catch (GuardConfigException | IllegalArgumentException e) {
            context.err().println("jwrap guard: " + e.getMessage());
            return e instanceof GuardConfigException ? 1 : Jwrap.USAGE;
        }
        Syslog log = systemLog();
        InetdObservability observability = reporting.open(log, context.err(), "jwrap guard: ");
        if (observability == null) {
            return 1;
        }
        try (observability; ChildReaper reaper = new ChildReaper(Duration.ofSeconds(1))) {
            ShellCommands shell = new ShellCommands(new PosixSpawnLauncher(), reaper, new ChannelDescriptors(),
                    Environment.forInetd(System.getenv(), false));
            Observability seen = observability.observability();
            GuardServices services = new GuardServices(context.services(), log, seen.observer(), seen.metrics(),
                    seen.verdictLines(), shell);
            Guard guard;
            try {
                guard = Guard.start(() -> config == null ? first : GuardConfigParser.parse(resolve(config)), services,
                        loops == null ? Runtime.getRuntime().availableProcessors() : loops);
            } catch (GuardConfigException | IOException e) {
                log.error(e.getMessage());
                context.err().println("jwrap guard: " + e.getMessage());
                return 1;
            }
            guard.watchFiles(config == null ? null : resolve(config), watch);
            return serve(guard, reaper);
        }
    }

    /** Runs until SIGTERM/SIGINT; signal handlers only queue work for this thread. */
    private int serve(Guard guard, ChildReaper reaper) {
        BlockingQueue<Boolean> events = new LinkedBlockingQueue<>();
        try (guard;
                ServerSignals signals = ServerSignals.install(
                        () -> events.add(Boolean.TRUE), () -> events.add(Boolean.FALSE), reaper::wake)) {
            while (events.take()) {
                guard.reload();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The configuration file, or the command line's services with its tables and limits. */
    private GuardConfig load() throws GuardConfigException {
        if (config != null) {
            if (!services.isEmpty() || allow != null || deny != null || proxyProtocol != null || hasLimitOptions()) {
                throw new IllegalArgumentException("--config FILE holds the services, tables and limits; "
                        + "do not also give --listen/--to/--daemon, --allow, --deny, --proxy-protocol or limits");
            }
            return GuardConfigParser.parse(resolve(config));
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("nothing to guard: give --listen HOST:PORT --to HOST:PORT --daemon NAME "
                    + "or --config FILE");
        }
        ProxyProtocol proxy = proxyProtocol == null ? ProxyProtocol.NONE : ProxyProtocol.parse(proxyProtocol);
        List<Route> routes = new ArrayList<>();
        for (ServiceOptions s : services) {
            routes.add(new Route(s.daemon, HostPort.parse(s.listen), HostPort.parse(s.to), proxy));
        }
        return new GuardConfig(routes, table(allow, TableFile.SYSTEM_ALLOW), table(deny, TableFile.SYSTEM_DENY),
                limits());
    }

    private boolean hasLimitOptions() {
        return perSource != null || rate != null || maxConnections != null || idleTimeout != null
                || connectTimeout != null;
    }

    private Limits limits() {
        Limits limits = Limits.DEFAULTS;
        if (perSource != null) {
            limits = limits.withPerSource(perSource);
        }
        if (rate != null) {
            limits = limits.withPerSourcePerMinute(rate);
        }
        if (maxConnections != null) {
            limits = limits.withMaxConnections(maxConnections);
        }
        if (idleTimeout != null) {
            limits = limits.withIdleTimeout(GuardConfigParser.duration(idleTimeout));
        }
        if (connectTimeout != null) {
            limits = limits.withConnectTimeout(GuardConfigParser.duration(connectTimeout));
        }
        return limits;
    }

    private Syslog systemLog() {
        return SystemLogs.open("jwrap-guard", debug,
                new StreamSyslog(context.err(), "jwrap-guard", ProcessHandle.current().pid()));
    }

    private TableFile table(Path path, TableFile fallback) {
        return path == null ? fallback : TableFile.of(resolve(path));
    }

    private Path resolve(Path path) {
        return context.cwd().resolve(path);
    }
}
