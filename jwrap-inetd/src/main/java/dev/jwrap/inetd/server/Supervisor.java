package dev.jwrap.inetd.server;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.inetd.builtin.Builtins;
import dev.jwrap.inetd.builtin.IdleWatchdog;
import dev.jwrap.inetd.builtin.UdpSourceFilter;
import dev.jwrap.inetd.config.InetdConfig;
import dev.jwrap.inetd.config.ServiceEntry;
import dev.jwrap.inetd.config.ServicesDatabase;
import dev.jwrap.inetd.config.SocketType;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.ServerMetrics;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ChannelDescriptors;
import dev.jwrap.host.process.ChildReaper;
import dev.jwrap.host.process.CredentialResolver;
import dev.jwrap.host.process.Environment;
import dev.jwrap.host.process.PosixSpawnLauncher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running super-server: one {@link Listener} per entry and bound address, the access tables in
 * force, and the children it started. {@link #reload()} re-reads inetd.conf and the tables as a
 * SIGHUP does (inetd.md §3.8): unchanged entries keep their sockets, changed ones take the new
 * settings in place, removed ones are closed; a config that cannot be read or tables that report
 * problems leave the last good ones in force (a deliberate deviation: inetd exits). Thread-safe;
 * reloads are serialised.
 */
public final class Supervisor implements AutoCloseable {

    /** How often inetd tries again to bind the sockets whose bind failed. */
    static final Duration BIND_RETRY = Duration.ofMinutes(10);

    private record Unbound(ServiceEntry entry, InetSocketAddress address) {}

    /** Where the configuration comes from; read again at each reload. */
    @FunctionalInterface
    public interface ConfigSource {
        InetdConfig load() throws IOException;
    }

    private final ConfigSource source;
    private final SupervisorOptions options;
    private final Syslog log;
    private final Trace trace;
    private final AtomicReference<AccessPolicy> policy = new AtomicReference<>();
    private final ChildReaper reaper;
    private final IdleWatchdog watchdog;
    private final Binder binder;
    private final PassedSockets passed;
    private final Services services;
    private final TcpmuxDispatch tcpmux = new TcpmuxDispatch();
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    /** Sockets whose bind failed, by listener key: tried again every {@link #BIND_RETRY} (inetd.md §3.1). */
    private final Map<String, Unbound> unbound = new LinkedHashMap<>();
    private final ScheduledExecutorService retryTimer;
    private boolean closed;

    private final ServerMetrics metrics;

    private Supervisor(ConfigSource source, SupervisorOptions options, Syslog log, Trace trace,
            ServicesDatabase serviceNames, LookupServices lookups, Observability observability,
            PassedSockets passed) {
        this.source = source;
        this.options = options;
        this.log = log;
        this.trace = trace;
        this.reaper = new ChildReaper(Duration.ofSeconds(1));
        this.watchdog = new IdleWatchdog(log::info);
        ChannelDescriptors descriptors = new ChannelDescriptors();
        this.passed = passed;
        this.binder = new Binder(descriptors, options.backlog(), passed);
        ProgramStarter starter = new ProgramStarter(new PosixSpawnLauncher(), reaper,
                new CredentialResolver(lookups.users()), descriptors,
                Environment.forInetd(System.getenv(), options.keepEnvironment()), log, trace);
        Builtins builtins = new Builtins(Clock.systemDefaultZone(), watchdog, Builtins.DEFAULT_IDLE,
                UdpSourceFilter.forThisHost(options.udpFilter()), tcpmux);
        this.metrics = observability.metrics();
        AccessGate gate = new AccessGate(ConnectionGate.builder("inetd", policy::get, lookups).log(log)
                .observer(observability.observer()).metrics(metrics).verdictLines(observability.verdictLines())
                .build(), serviceNames);
        this.services = new Services(options, gate, starter, builtins, log, trace, System::nanoTime, descriptors);
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inetd-bind-retry");
            t.setDaemon(true);
            return t;
        });
        retryTimer.scheduleAtFixedRate(this::retryUnbound, BIND_RETRY.toSeconds(), BIND_RETRY.toSeconds(),
                TimeUnit.SECONDS);
    }

    /**
     * Reads the configuration and the tables and starts serving every entry that can be bound.
     *
     * @throws IOException when the configuration cannot be read at all (inetd exits 1 then)
     */
    public static Supervisor start(ConfigSource source, SupervisorOptions options, Syslog log, Trace trace,
            ServicesDatabase serviceNames, LookupServices lookups) throws IOException {
        return start(source, options, log, trace, serviceNames, lookups, Observability.NONE, PassedSockets.none());
    }

    /**
     * As {@link #start(ConfigSource, SupervisorOptions, Syslog, Trace, ServicesDatabase, LookupServices)},
     * reporting connections, spawn failures, limits and reloads to {@code observability}, and
     * serving the sockets systemd {@code passed} for matching entries instead of binding them; the
     * supervisor owns them from now on.
     *
     * @throws IOException when the configuration cannot be read at all (inetd exits 1 then)
     */
    public static Supervisor start(ConfigSource source, SupervisorOptions options, Syslog log, Trace trace,
            ServicesDatabase serviceNames, LookupServices lookups, Observability observability, PassedSockets passed)
            throws IOException {
        Objects.requireNonNull(source, "source");
        InetdConfig config = source.load();
        Supervisor supervisor =
                new Supervisor(source, options, log, trace, serviceNames, lookups, observability, passed);
        supervisor.policy.set(supervisor.loadPolicy());
        supervisor.report(config);
        synchronized (supervisor) {
            supervisor.apply(config);
            passed.closeUnused(log);
        }
        return supervisor;
    }

    /**
     * Re-reads inetd.conf and the tables (SIGHUP). Returns false when the configuration could not
     * be read and the running one stays; broken tables keep the previous policy either way.
     */
    public synchronized boolean reload() {
        if (closed) {
            return false;
        }
        AccessPolicy tables = loadPolicy();
        boolean tablesLoaded = tables.diagnostics().isEmpty();
        if (tablesLoaded) {
            policy.set(tables);
        } else {
            log.error("hosts tables not reloaded: " + options.allow().name() + " or " + options.deny().name()
                    + " has errors; the previous rules stay in force");
        }
        InetdConfig config;
        try {
            config = source.load();
        } catch (IOException e) {
            log.error(e.getMessage() + "; configuration not reloaded, the previous one stays in force");
            metrics.reloaded(false);
            return false;
        }
        report(config);
        apply(config);
        metrics.reloaded(tablesLoaded);
        return true;
    }

    /** Call on SIGCHLD: reaps finished children now instead of at the next sweep. */
    public void childExited() {
        reaper.wake();
    }

    /** The bound address of every listener, by entry key ({@code host:service/proto}) and address. */
    public synchronized Map<String, InetSocketAddress> listening() {
        Map<String, InetSocketAddress> result = new LinkedHashMap<>();
        listeners.forEach((key, listener) -> result.put(key, listener.localAddress()));
        return result;
    }

    /** The open socket of the listener for {@code key} (as in {@link #listening()}); for tests. */
    synchronized NetworkChannel channel(String key) {
        Listener listener = listeners.get(key);
        return listener == null ? null : listener.channel();
    }

    /**
     * Closes every listening socket (SIGTERM). Children that are still running are left alone, as
     * inetd leaves them; established built-in connections end with the process.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        retryTimer.shutdownNow();
        listeners.values().forEach(Listener::close);
        listeners.clear();
        reaper.close();
        watchdog.close();
        passed.close();
    }

    private AccessPolicy loadPolicy() {
        AccessPolicy loaded = AccessPolicy.load(options.allow(), options.deny());
        for (Diagnostic d : loaded.diagnostics()) {
            log.warning(d.toSyslogText());
        }
        return loaded;
    }

    private void report(InetdConfig config) {
        for (Diagnostic d : config.diagnostics()) {
            String text = d.hasLocation() ? d.file() + ":" + d.line() + ": " + d.message() : d.message();
            if (d.severity() == Diagnostic.Severity.ERROR) {
                log.error(text);
            } else {
                log.warning(text);
            }
        }
    }

    /** Brings the listeners in line with {@code config}. */
    private void apply(InetdConfig config) {
        Map<String, Listener> old = new LinkedHashMap<>(listeners);
        listeners.clear();
        unbound.clear();
        List<Runnable> starts = new ArrayList<>();
        for (ServiceEntry entry : config.entries()) {
            if (entry.tcpmux().isPresent()) {
                continue; // reached through the TCPMUX built-in, no socket of its own
            }
            List<InetSocketAddress> addresses;
            try {
                addresses = Binder.addresses(entry);
            } catch (IOException e) {
                log.error(entry.displayName() + ": " + e.getMessage());
                continue;
            }
            if (uncheckable(entry)) {
                continue;
            }
            for (InetSocketAddress address : addresses) {
                if (passed.coversIpv4(entry, address)) {
                    trace.line("SKIP: " + describe(entry) + " (IPv4 served by the passed dual-stack socket)");
                    continue;
                }
                String key = entry.key() + "@" + address;
                Listener existing = old.remove(key);
                if (existing != null && sameKind(existing.entry(), entry)) {
                    existing.replace(entry);
                    listeners.put(key, existing);
                    trace.line("REDO: " + describe(entry));
                    continue;
                }
                if (existing != null) {
                    existing.close();
                }
                Listener opened = open(entry, address);
                if (opened != null) {
                    listeners.put(key, opened);
                    starts.add(opened::start);
                    trace.line("ADD: " + describe(entry));
                } else {
                    unbound.put(key, new Unbound(entry, address));
                }
            }
        }
        tcpmux.update(config.entries(), services);
        for (Listener gone : old.values()) {
            trace.line("FREE: " + describe(gone.entry()));
            gone.close();
        }
        starts.forEach(Runnable::run);
    }

    /**
     * Tries again to bind the sockets whose bind failed (every {@link #BIND_RETRY}, as inetd's
     * retry timer does; a reload tries too). A socket that still cannot be bound is logged again.
     */
    synchronized void retryUnbound() {
        if (closed || unbound.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Unbound> pending : List.copyOf(unbound.entrySet())) {
            Unbound u = pending.getValue();
            Listener opened = open(u.entry(), u.address());
            if (opened != null) {
                unbound.remove(pending.getKey());
                listeners.put(pending.getKey(), opened);
                trace.line("ADD: " + describe(u.entry()));
                opened.start();
            }
        }
    }

    private Listener open(ServiceEntry entry, InetSocketAddress address) {
        NetworkChannel channel;
        try {
            channel = binder.open(entry, address);
        } catch (IOException e) {
            log.error(entry.displayName() + ": bind: " + e.getMessage());
            return null;
        }
        try {
            return Binder.listener(services, entry, address, channel);
        } catch (IOException e) {
            log.error(entry.displayName() + ": " + e.getMessage());
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the log line above says why
            }
            return null;
        }
    }

    /**
     * A stream wait entry that should be checked cannot be: the connection is accepted by the child,
     * not by jwrap (tcpd cannot check it either). Refusing to serve it is the safe choice.
     */
    private boolean uncheckable(ServiceEntry entry) {
        boolean streamWait = entry.waitService() && entry.socketType() == SocketType.STREAM;
        if (streamWait && AccessGate.checkFor(entry, options).isPresent()) {
            log.error(entry.displayName() + ": access control is impossible for a stream wait service; not served");
            return true;
        }
        return false;
    }

    /** Whether a reloaded entry can keep the listener of the old one (same port and serving model). */
    private static boolean sameKind(ServiceEntry a, ServiceEntry b) {
        return a.port() == b.port() && a.waitService() == b.waitService() && a.isInternal() == b.isInternal()
                && a.socketType() == b.socketType();
    }

    private static String describe(ServiceEntry e) {
        String host = e.host().equals("*") ? "" : e.host() + ":";
        return host + e.service() + " proto=" + e.protocol().token() + ", wait.max=" + (e.waitService() ? 1 : 0)
                + "." + e.maxPerMinute() + " user:group=" + e.user() + ":" + e.group().orElse("(default)")
                + " server=" + switch (e.server()) {
                    case dev.jwrap.inetd.config.Server.Internal i -> "internal";
                    case dev.jwrap.inetd.config.Server.Program p -> p.path();
                };
    }
}
