package dev.jwrap.proxy.guard;

import dev.jwrap.host.process.ShellCommands;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.TableFile;
import dev.jwrap.host.access.ConnectionEvent;
import dev.jwrap.host.access.ServerMetrics;
import dev.jwrap.host.log.RecordingSyslog;
import dev.jwrap.host.process.ChannelDescriptors;
import dev.jwrap.host.process.ChildReaper;
import dev.jwrap.host.process.PosixSpawnLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A running guard for tests: tables in a temporary directory, every log line recorded, real
 * process spawning for twist and spawn. Clients connect from a chosen loopback address
 * (127.0.0.1 or 127.0.0.2, both on Linux's lo).
 */
final class GuardHarness implements AutoCloseable {

    final Path dir;
    final RecordingSyslog log = new RecordingSyslog();
    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final ChildReaper reaper = new ChildReaper(Duration.ofMillis(100));
    private volatile Guard.ConfigSource source;
    /** What the guard runs with, for a second guard in the same test. */
    final GuardServices services;
    final Guard guard;

    private GuardHarness(Path dir, GuardConfig config, int loops, LookupServices lookups) throws Exception {
        this.dir = dir;
        this.source = () -> config;
        ShellCommands shell = new ShellCommands(new PosixSpawnLauncher(), reaper, new ChannelDescriptors(),
                List.of("PATH=/usr/bin:/bin"));
        this.services = new GuardServices(lookups, log, events::add, ServerMetrics.NONE, true, shell);
        this.guard = Guard.start(() -> this.source.load(), services, loops);
    }

    /** A guard with one route from 127.0.0.1:0 (or [::1]:0) to {@code backend}, and these tables. */
    static GuardHarness start(Path dir, InetSocketAddress backend, ProxyProtocol proxy, String allow, String deny,
            UnaryOperator<Limits> limits) throws Exception {
        return start(dir, backend, proxy, allow, deny, limits, Runtime.getRuntime().availableProcessors());
    }

    /** The same with {@code loops} event loops. */
    static GuardHarness start(Path dir, InetSocketAddress backend, ProxyProtocol proxy, String allow, String deny,
            UnaryOperator<Limits> limits, int loops) throws Exception {
        return start(dir, backend, proxy, allow, deny, limits, loops, LookupServices.OFFLINE);
    }

    /** The same with {@code loops} event loops and these name, ident and user lookups. */
    static GuardHarness start(Path dir, InetSocketAddress backend, ProxyProtocol proxy, String allow, String deny,
            UnaryOperator<Limits> limits, int loops, LookupServices lookups) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), deny);
        String listenHost = backend.getAddress().getAddress().length == 16 ? "::1" : "127.0.0.1";
        Route route = new Route("sshd", new InetSocketAddress(InetAddress.getByName(listenHost), 0), backend, proxy);
        GuardConfig config = new GuardConfig(List.of(route), TableFile.of(dir.resolve("hosts.allow")),
                TableFile.of(dir.resolve("hosts.deny")), limits.apply(Limits.DEFAULTS));
        return new GuardHarness(dir, config, loops, lookups);
    }

    /** Where the next reload reads its configuration from. */
    void source(Guard.ConfigSource newSource) {
        source = newSource;
    }

    InetSocketAddress address() {
        return guard.addresses().getFirst();
    }

    /** A client socket bound to {@code from} and connected to the guard, reads time out after 10 s. */
    Socket connectFrom(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(address(), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Asserts that a client from {@code from} is relayed to the echo backend. */
    void assertRelayed(String from, String text) throws IOException {
        try (Socket s = connectFrom(from)) {
            assertThat(roundTrip(s, text)).isEqualTo(text);
        }
    }

    /** Asserts that a client from {@code from} is closed without a byte. */
    void assertClosedSilently(String from) throws IOException {
        try (Socket s = connectFrom(from)) {
            assertThat(readToEnd(s)).isEmpty();
        }
    }

    /** Sends {@code text} and reads the same number of bytes back. */
    static String roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        byte[] back = socket.getInputStream().readNBytes(text.getBytes(StandardCharsets.UTF_8).length);
        return new String(back, StandardCharsets.UTF_8);
    }

    /** Everything the peer sends until it closes. */
    static String readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Polls {@code condition} every 10 ms for up to 10 s. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    void awaitLog(String fragment) {
        await("a log line containing \"" + fragment + "\" in " + log.messages(),
                () -> log.messages().stream().anyMatch(m -> m.contains(fragment)));
    }

    /** Waits for an event of this outcome from this client address. */
    void awaitEvent(ConnectionEvent.Outcome outcome, String client) {
        await(outcome + " event for " + client + " in " + events, () -> events.stream().anyMatch(e ->
                e.outcome() == outcome && e.client().getAddress().getHostAddress().equals(client)));
    }

    void awaitNoConnections() {
        await("no open connection (" + guard.openConnections() + " open)", () -> guard.openConnections() == 0);
    }

    void assertNoLogContaining(String fragment) {
        assertThat(log.messages()).noneMatch(m -> m.contains(fragment));
    }

    @Override
    public void close() {
        guard.close();
        reaper.close();
    }
}
