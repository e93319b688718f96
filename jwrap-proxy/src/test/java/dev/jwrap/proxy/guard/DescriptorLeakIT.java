package dev.jwrap.proxy.guard;

import static dev.jwrap.proxy.guard.GuardHarness.readToEnd;
import static dev.jwrap.proxy.guard.GuardHarness.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded stress run — allowed, denied, refused backend, client resets, half-closes and silent
 * clients, several at a time — must leave this process with as many open descriptors as before.
 * A first round warms up what the JVM opens once (pollers, loaded classes); the second is counted.
 */
class DescriptorLeakIT {

    private static final int PER_KIND = 40;
    private static final int CONCURRENCY = 8;

    @TempDir
    Path dir;

    @Test
    void stressRunLeavesNoDescriptorBehind() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness guard = GuardHarness.start(dir.resolve("a"), backend.address(), ProxyProtocol.NONE, "",
                        "sshd: 127.0.0.2\n", l -> l.withIdleTimeout(Duration.ofMillis(1500)));
                GuardHarness refusing = GuardHarness.start(dir.resolve("b"),
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), closedPort), ProxyProtocol.NONE, "",
                        "", UnaryOperator.identity())) {
            stress(guard, refusing);
            long before = openDescriptors();
            stress(guard, refusing);
            GuardHarness.await("descriptors back to " + before, () -> openDescriptors() <= before);
            assertThat(guard.guard.openConnections()).isZero();
            assertThat(refusing.guard.openConnections()).isZero();
        }
    }

    private static void stress(GuardHarness guard, GuardHarness refusing) throws Exception {
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
            for (int i = 0; i < PER_KIND; i++) {
                results.add(pool.submit(() -> allowed(guard)));
                results.add(pool.submit(() -> denied(guard)));
                results.add(pool.submit(() -> refused(refusing)));
                results.add(pool.submit(() -> reset(guard)));
                results.add(pool.submit(() -> halfClose(guard)));
                if (i % 10 == 0) {
                    results.add(pool.submit(() -> silent(guard)));
                }
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("stress run finished in 60 s").isTrue();
        }
        for (Future<?> f : results) {
            f.get();
        }
        guard.awaitNoConnections();
        refusing.awaitNoConnections();
    }

    private static Void allowed(GuardHarness h) throws IOException {
        try (Socket s = h.connectFrom("127.0.0.1")) {
            assertThat(roundTrip(s, "ping")).isEqualTo("ping");
        }
        return null;
    }

    private static Void denied(GuardHarness h) throws IOException {
        try (Socket s = h.connectFrom("127.0.0.2")) {
            assertThat(readToEnd(s)).isEmpty();
        }
        return null;
    }

    private static Void refused(GuardHarness h) throws IOException {
        try (Socket s = h.connectFrom("127.0.0.1")) {
            assertThat(readToEnd(s)).isEmpty();
        }
        return null;
    }

    /** Sends, then closes with SO_LINGER 0: the guard sees a reset and must pass it on. */
    private static Void reset(GuardHarness h) throws IOException {
        try (Socket s = h.connectFrom("127.0.0.1")) {
            assertThat(roundTrip(s, "bye")).isEqualTo("bye");
            s.setSoLinger(true, 0);
        }
        return null;
    }

    private static Void halfClose(GuardHarness h) throws IOException {
        try (Socket s = h.connectFrom("127.0.0.1")) {
            s.getOutputStream().write("half".getBytes());
            s.shutdownOutput();
            assertThat(readToEnd(s)).isEqualTo("half");
        }
        return null;
    }

    /**
     * Sends nothing: the idle timeout closes it. The timeout (1.5 s) is far above a round trip even
     * on a loaded machine, so it never cuts off the busy connections of the other kinds.
     */
    private static Void silent(GuardHarness h) throws IOException {
        try (Socket s = h.connectFrom("127.0.0.1")) {
            assertThat(readToEnd(s)).isEmpty();
        }
        return null;
    }

    private static long openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc/self/fd", e);
        }
    }
}
