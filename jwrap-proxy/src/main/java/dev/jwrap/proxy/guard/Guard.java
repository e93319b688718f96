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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code jwrap guard}: access control in front of standalone daemons. Listens on every route's
 * address; each accepted connection is admitted against the per-source limits, checked with
 * hosts.allow / hosts.deny under the route's daemon name, and relayed to the backend or refused
 * as tcpd refuses. {@link #reload} (SIGHUP, a changed file) re-reads the configuration and the
 * tables, keeping what fails to load; connections already relaying are not disturbed.
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

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int BUFFERS_RETAINED = 256;
    /** One name for every connection's thread: a per-connection name would cost a string each. */
    private static final ThreadFactory CONNECTION_THREADS = Thread.ofVirtual().name("jwrap-guard-connection").factory();

    private final ConfigSource source;
    private final GuardServices services;
    private final Tables tables;
    private final Admission admission;
    private final GuardedConnection.Parts parts;
    private final Map<InetSocketAddress, GuardListener> listeners = new LinkedHashMap<>();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
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
        this.parts = new GuardedConnection.Parts(gate, services.shell(),
                new Relay(new BufferPool(BUFFER_SIZE, BUFFERS_RETAINED)), services.log());
        this.sweeper = Thread.ofPlatform().daemon().name("jwrap-guard-sweep").unstarted(this::sweep);
    }

    /**
     * Loads the configuration and the tables and starts listening on every route.
     *
     * @throws GuardConfigException when the configuration cannot be used
     * @throws IOException when an address cannot be bound (nothing is left listening then)
     */
    public static Guard start(ConfigSource source, GuardServices services) throws GuardConfigException, IOException {
        GuardConfig config = source.load();
        Guard guard = new Guard(source, config, services);
        guard.tables.load(config.allow(), config.deny());
        try {
            for (Route route : config.routes()) {
                guard.listen(route);
            }
        } catch (IOException e) {
            guard.close();
            throw e;
        }
        guard.sweeper.start();
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
        listeners.put(route.listen(), GuardListener.open(route, this::accepted));
        services.log().info("guarding " + route.describe());
    }

    /** Called on the accept thread: only the cheap admission check happens here. */
    private void accepted(Route route, SocketChannel client) {
        InetAddress address;
        Arrival arrival;
        try {
            arrival = GuardedConnection.arrival(route, client);
            address = arrival.client().getAddress();
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            return;
        }
        long now = System.nanoTime();
        Admission.Outcome outcome = admission.admit(address, now);
        if (outcome != Admission.Outcome.ADMITTED) {
            parts.gate().limited(arrival, limitName(outcome));
            if (admission.shouldLog(address, now)) {
                services.log().withIdent(route.daemon()).warning("refused connect from " + address.getHostAddress()
                        + ": " + refusal(outcome));
            }
            closeQuietly(client);
            return;
        }
        Link link = new Link(client, route.daemon(), address, now);
        links.add(link);
        Limits limits = config.limits();
        AtomicBoolean over = new AtomicBoolean();
        Runnable ended = () -> {
            // once only, even if an unexpected exception reaches both the relay and the caller
            if (over.compareAndSet(false, true)) {
                link.close();
                links.remove(link);
                admission.release(address);
            }
        };
        CONNECTION_THREADS.newThread(() -> {
            try {
                new GuardedConnection(route, link, arrival, parts, ended).serve(limits);
            } catch (IOException e) {
                // the client went away before or during the check: nothing to log beyond the verdict
            } catch (RuntimeException e) {
                services.log().error(link.label() + ": " + e);
            }
        }).start();
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

    /** Closes connections idle for longer than the idle timeout; forgets quiet sources. */
    private void sweep() {
        while (!closed) {
            Duration idle = config.limits().idleTimeout();
            long interval = Math.clamp(idle.toNanos() / 4, 10_000_000L, 1_000_000_000L);
            LockSupport.parkNanos(interval);
            long now = System.nanoTime();
            long cutoff = now - idle.toNanos();
            for (Link link : links) {
                if (link.idleSince(cutoff) && !link.isClosed()) {
                    services.log().info(link.label() + ": idle for " + idle.toSeconds() + " s, connection closed");
                    link.close();
                }
            }
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
        return links.size();
    }

    /** The configuration in force. */
    public GuardConfig config() {
        return config;
    }

    /** Stops listening and closes every connection. */
    @Override
    public synchronized void close() {
        closed = true;
        LockSupport.unpark(sweeper);
        watchers.forEach(FileWatcher::close);
        listeners.values().forEach(GuardListener::close);
        listeners.clear();
        links.forEach(Link::close);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: the connection is being dropped
        }
    }
}
