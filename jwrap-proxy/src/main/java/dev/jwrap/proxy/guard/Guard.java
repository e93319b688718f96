package dev.jwrap.proxy.guard;

import dev.jwrap.host.access.Arrival;
import dev.jwrap.host.access.ConnectionGate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jwrap guard}: access control in front of standalone daemons. Listens on every route's
 * address; each accepted connection is admitted against the per-source limits, checked with
 * hosts.allow / hosts.deny under the route's daemon name, and relayed to the backend or refused
 * as tcpd refuses. {@link #reload} (SIGHUP, a changed file) re-reads the configuration and the
 * tables, keeping what fails to load; connections already relaying are not disturbed.
 *
 * <p>The work is done by event loops, one per processor unless told otherwise: each accepts on
 * its own listening socket per route and checks, connects and relays its connections itself; only
 * a check that may wait (a name or ident lookup, a banner, a command) runs on a virtual thread.
 *
 * <pre>{@code
 * try (Guard guard = Guard.start(() -> config, GuardServices.of(lookups, log, shell))) {
 *     ... // until shutdown
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class Guard implements AutoCloseable {

    /** Where the configuration comes from, at start and at every reload. */
    @FunctionalInterface
    public interface ConfigSource {
        GuardConfig load() throws GuardConfigException;
    }

    private final ConfigSource source;
    private final GuardServices services;
    private final Tables tables;
    private final Admission admission;
    private final Connection.Shared shared;
    private final List<EventLoop> loops = new ArrayList<>();
    private final Map<InetSocketAddress, GuardListener> listeners = new LinkedHashMap<>();
    /** The listeners as the loops' ticks see them (a copy, replaced on change). */
    private volatile List<GuardListener> listening = List.of();
    private final List<FileWatcher> watchers = new ArrayList<>();
    private volatile GuardConfig config;
    private volatile boolean closed;

    private Guard(ConfigSource source, GuardConfig config, GuardServices services) {
        this.source = source;
        this.config = config;
        this.services = services;
        this.tables = new Tables(services.log());
        this.admission = new Admission(config.limits());
        ConnectionGate gate = ConnectionGate.builder("guard", tables, services.lookups())
                .log(services.log())
                .observer(services.observer())
                .metrics(services.metrics())
                .verdictLines(services.verdictLines())
                .build();
        this.shared = new Connection.Shared(gate, services.shell(), services.log(), tables, admission,
                () -> this.config.limits());
    }

    /**
     * Loads the configuration and the tables and starts listening on every route, with one event
     * loop per available processor.
     *
     * @throws GuardConfigException when the configuration cannot be used
     * @throws IOException when an address cannot be bound (nothing is left listening then)
     */
    public static Guard start(ConfigSource source, GuardServices services) throws GuardConfigException, IOException {
        return start(source, services, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Like {@link #start(ConfigSource, GuardServices)} with {@code loops} event loops: threads
     * that each accept, check and relay their share of the connections.
     */
    public static Guard start(ConfigSource source, GuardServices services, int loops)
            throws GuardConfigException, IOException {
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be at least 1, got " + loops);
        }
        GuardConfig config = source.load();
        Guard guard = new Guard(source, config, services);
        guard.tables.load(config.allow(), config.deny());
        try {
            for (int i = 0; i < loops; i++) {
                boolean first = i == 0;
                guard.loops.add(EventLoop.start("jwrap-guard-loop-" + i, guard::tickNanos,
                        loop -> guard.tick(loop, first), services.log()));
            }
            synchronized (guard) {
                for (Route route : config.routes()) {
                    guard.listen(route);
                }
            }
        } catch (IOException e) {
            guard.close();
            throw e;
        }
        return guard;
    }

    /**
     * Re-reads the configuration and the tables. A configuration that cannot be read is logged and
     * the running one stays (tables included); tables with errors keep the previous policy. Routes
     * on unchanged addresses keep their sockets; a new address that cannot be bound is logged.
     *
     * @return false when the configuration was not reloaded
     */
    public synchronized boolean reload() {
        if (closed) {
            return false;
        }
        GuardConfig loaded;
        try {
            loaded = source.load();
        } catch (GuardConfigException e) {
            services.log().error(e.getMessage() + "; configuration not reloaded, the previous one stays in force");
            services.metrics().reloaded(false);
            return false;
        }
        boolean tablesTaken = tables.load(loaded.allow(), loaded.deny());
        services.metrics().reloaded(tablesTaken);
        admission.limits(loaded.limits());
        apply(loaded);
        config = loaded;
        services.log().info("reloaded: " + loaded.routes().size() + " service(s)"
                + (tablesTaken ? "" : ", previous hosts tables kept"));
        return true;
    }

    private void apply(GuardConfig loaded) {
        Map<InetSocketAddress, Route> wanted = new LinkedHashMap<>();
        loaded.routes().forEach(route -> wanted.put(route.listen(), route));
        listeners.entrySet().removeIf(entry -> {
            Route route = wanted.get(entry.getKey());
            if (route == null) {
                entry.getValue().close();
                return true;
            }
            entry.getValue().route(route);
            return false;
        });
        listening = List.copyOf(listeners.values());
        for (Route route : wanted.values()) {
            if (!listeners.containsKey(route.listen())) {
                try {
                    listen(route);
                } catch (IOException e) {
                    services.log().error(route.daemon() + ": " + e.getMessage());
                }
            }
        }
    }

    private void listen(Route route) throws IOException {
        listeners.put(route.listen(), GuardListener.open(route, loops, this::accepted));
        listening = List.copyOf(listeners.values());
        services.log().info("guarding " + route.describe());
    }

    /** Called on the loop that accepted {@code client}: admission first, as it is the cheapest refusal. */
    private void accepted(Route route, SocketChannel client, EventLoop loop, boolean noDelay) {
        InetAddress address;
        Arrival arrival;
        try {
            arrival = Connection.arrival(route, client);
            address = arrival.client().getAddress();
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            return;
        }
        // not the loop's cached time: sources are shared by all loops, whose cached times differ
        long now = System.nanoTime();
        Admission.Outcome outcome = admission.admit(address, now);
        if (outcome != Admission.Outcome.ADMITTED) {
            shared.gate().limited(arrival, limitName(outcome));
            if (admission.shouldLog(address, now)) {
                services.log().withIdent(route.daemon()).warning("refused connect from " + address.getHostAddress()
                        + ": " + refusal(outcome));
            }
            closeQuietly(client);
            return;
        }
        new Connection(loop, route, arrival, client, noDelay, shared).start();
    }

    private static String limitName(Admission.Outcome outcome) {
        return switch (outcome) {
            case TOO_MANY_FROM_SOURCE -> "per_source";
            case TOO_FAST_FROM_SOURCE -> "rate";
            case TOO_MANY_IN_TOTAL -> "max_connections";
            case ADMITTED -> "none";
        };
    }

    private static String refusal(Admission.Outcome outcome) {
        return switch (outcome) {
            case TOO_MANY_FROM_SOURCE -> "too many connections from this address";
            case TOO_FAST_FROM_SOURCE -> "too many new connections per minute from this address";
            case TOO_MANY_IN_TOTAL -> "too many connections in total";
            case ADMITTED -> "admitted";
        };
    }

    /** How often each loop sweeps its connections: often enough for the shortest timeout in force. */
    private long tickNanos() {
        Limits limits = config.limits();
        long shortest = Math.min(limits.idleTimeout().toNanos(), limits.connectTimeout().toNanos());
        return Math.clamp(shortest / 4, 10_000_000L, 100_000_000L);
    }

    /** On each loop's tick: timeouts, listeners paused by an accept error; the first loop also forgets quiet sources. */
    private void tick(EventLoop loop, boolean first) {
        long now = loop.now();
        Limits limits = config.limits();
        loop.connections().forEach(c -> c.sweep(now, limits));
        for (GuardListener listener : listening) {
            listener.resume(loop);
        }
        if (first) {
            admission.forgetIdle(now);
        }
    }

    /**
     * Polls the configuration file (if any) and the tables every {@code interval} and reloads
     * when one changed. Closed with the guard.
     */
    public synchronized void watchFiles(Path configFile, Duration interval) {
        watchers.add(new FileWatcher(() -> watched(configFile), interval, this::reload).start());
    }

    private List<Path> watched(Path configFile) {
        List<Path> files = new ArrayList<>();
        if (configFile != null) {
            files.add(configFile);
        }
        GuardConfig current = config;
        files.add(current.allow().path());
        files.add(current.deny().path());
        return files;
    }

    /** The addresses listened on, in route order (with the real port where a route gave 0). */
    public synchronized List<InetSocketAddress> addresses() {
        return listeners.values().stream().map(GuardListener::address).toList();
    }

    /** Connections admitted and not yet closed. */
    public int openConnections() {
        return admission.active();
    }

    /** Relay buffers allocated so far by all loops (for tests: memory stays bounded). */
    long buffersAllocated() {
        return loops.stream().mapToLong(loop -> loop.buffers().allocated()).sum();
    }

    /** The configuration in force. */
    public GuardConfig config() {
        return config;
    }

    /** Stops listening and closes every connection. */
    @Override
    public synchronized void close() {
        closed = true;
        watchers.forEach(FileWatcher::close);
        listeners.values().forEach(GuardListener::close);
        listeners.clear();
        listening = List.of();
        loops.forEach(EventLoop::close);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: the connection is being dropped
        }
    }
}
