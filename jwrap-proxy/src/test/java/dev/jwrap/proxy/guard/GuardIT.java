package dev.jwrap.proxy.guard;

import static dev.jwrap.proxy.guard.GuardHarness.readToEnd;
import static dev.jwrap.proxy.guard.GuardHarness.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.host.access.ConnectionEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jwrap guard on loopback with a real echo backend: verdicts, options, half-close, failures, limits. */
class GuardIT {

    private static final String DENY_SECOND = "sshd: 127.0.0.2\n";

    @TempDir
    Path dir;

    private GuardHarness start(EchoBackend backend, String allow, String deny) throws Exception {
        return GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, allow, deny, UnaryOperator.identity());
    }

    @Test
    void allowedClientIsRelayed_deniedClientIsLoggedAndClosed() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = start(backend, "", DENY_SECOND)) {
            h.assertRelayed("127.0.0.1", "hello through the guard\n");
            h.assertClosedSilently("127.0.0.2");
            h.awaitLog("refused connect from 127.0.0.2 (127.0.0.2)");
            h.awaitLog("connect from 127.0.0.1 (127.0.0.1)");
            h.awaitEvent(ConnectionEvent.Outcome.ALLOWED, "127.0.0.1");
            h.awaitEvent(ConnectionEvent.Outcome.DENIED, "127.0.0.2");
            h.awaitNoConnections();
        }
    }

    @Test
    void deniedClientGetsTheBannerOfTheDaemon() throws Exception {
        Path banners = Files.createDirectory(dir.resolve("banners"));
        Files.writeString(banners.resolve("sshd"), "Go away, %a\n");
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = start(backend, "", "sshd: 127.0.0.2: banners " + banners + "\n")) {
            try (Socket denied = h.connectFrom("127.0.0.2")) {
                assertThat(readToEnd(denied)).isEqualTo("Go away, 127.0.0.2\r\n");
            }
        }
    }

    @Test
    void allowedClientGetsTheBannerBeforeTheBackendsBytes() throws Exception {
        Path banners = Files.createDirectory(dir.resolve("banners"));
        Files.writeString(banners.resolve("sshd"), "Welcome\n");
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = start(backend, "sshd: 127.0.0.1: banners " + banners + "\n", "ALL: ALL\n")) {
            try (Socket allowed = h.connectFrom("127.0.0.1")) {
                assertThat(roundTrip(allowed, "x")).isEqualTo("W");
                assertThat(new String(allowed.getInputStream().readNBytes(9), StandardCharsets.US_ASCII))
                        .isEqualTo("elcome\r\nx");
            }
        }
    }

    @Test
    void twistRunsTheCommandOnTheClientSocket() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = start(backend, "sshd: 127.0.0.2: twist /bin/echo twisted %a %d\n", "")) {
            try (Socket twisted = h.connectFrom("127.0.0.2")) {
                assertThat(readToEnd(twisted)).isEqualTo("twisted 127.0.0.2 sshd\n");
            }
            h.awaitLog("twist 127.0.0.2 to /bin/echo twisted 127.0.0.2 sshd");
            h.awaitEvent(ConnectionEvent.Outcome.TWISTED, "127.0.0.2");
            h.awaitNoConnections();
        }
    }

    @Test
    void halfCloseTravelsBothWays() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = start(backend, "", "")) {
            try (Socket client = h.connectFrom("127.0.0.1")) {
                client.getOutputStream().write("last words".getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput();
                // the echo backend answers after our end of stream reached it, then ends its side
                assertThat(readToEnd(client)).isEqualTo("last words");
            }
            h.awaitNoConnections();
        }
    }

    /**
     * 16 MiB of random bytes echoed back to a client that reads in small pieces while it writes:
     * whichever side is slower holds the others back (blocking writes, nothing piles up in the
     * guard), and every byte arrives in order.
     */
    @Test
    void slowReaderGetsEveryByteInOrder() throws Exception {
        byte[] data = new byte[16 << 20];
        new java.util.Random(42).nextBytes(data);
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = start(backend, "", "")) {
            try (Socket client = h.connectFrom("127.0.0.1")) {
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        client.getOutputStream().write(data);
                        client.shutdownOutput();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream(data.length);
                byte[] piece = new byte[1500];
                for (int n; (n = client.getInputStream().read(piece)) >= 0; ) {
                    received.write(piece, 0, n);
                }
                writer.join();
                assertThat(received.size()).isEqualTo(data.length);
                assertThat(java.util.Arrays.equals(received.toByteArray(), data)).isTrue();
            }
            h.awaitNoConnections();
        }
    }

    @Test
    void refusedBackendIsLoggedAndTheClientClosed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), closedPort);
        try (GuardHarness h = GuardHarness.start(dir, nowhere, ProxyProtocol.NONE, "", "", UnaryOperator.identity())) {
            h.assertClosedSilently("127.0.0.1");
            h.awaitLog("cannot connect to 127.0.0.1:" + closedPort + ": Connection refused (client 127.0.0.1)");
            h.awaitEvent(ConnectionEvent.Outcome.FAILED, "127.0.0.1");
            h.awaitNoConnections();
        }
    }

    @Test
    void silentClientIsClosedAfterTheIdleTimeout() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "",
                        l -> l.withIdleTimeout(Duration.ofMillis(300)))) {
            h.assertClosedSilently("127.0.0.1");
            h.awaitLog("sshd: 127.0.0.1: idle for");
            h.awaitNoConnections();
        }
    }

    @Test
    void perSourceLimitRefusesTheFloodingAddressOnly() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "",
                        l -> l.withPerSource(2))) {
            for (int i = 0; i < 2; i++) {
                Socket s = h.connectFrom("127.0.0.2");
                held.add(s);
                assertThat(roundTrip(s, "held")).isEqualTo("held");
            }
            h.assertClosedSilently("127.0.0.2");
            h.awaitLog("refused connect from 127.0.0.2: too many connections from this address");
            h.awaitEvent(ConnectionEvent.Outcome.LIMITED, "127.0.0.2");
            h.assertRelayed("127.0.0.1", "still served");
            for (Socket s : held) {
                s.close();
            }
            h.awaitNoConnections();
            h.assertRelayed("127.0.0.2", "slot freed");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void rateLimitRefusesNewConnectionsBeyondThePerMinuteBudget() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "",
                        l -> l.withPerSourcePerMinute(3))) {
            for (int i = 0; i < 3; i++) {
                try (Socket s = h.connectFrom("127.0.0.2")) {
                    assertThat(roundTrip(s, "ok")).isEqualTo("ok");
                }
            }
            h.assertClosedSilently("127.0.0.2");
            h.awaitLog("too many new connections per minute");
            h.assertRelayed("127.0.0.1", "ok");
        }
    }

    @Test
    void reloadTakesNewTablesAndKeepsTheLastGoodOnes() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = start(backend, "", "")) {
            h.assertRelayed("127.0.0.2", "before");
            Files.writeString(dir.resolve("hosts.deny"), DENY_SECOND);
            assertThat(h.guard.reload()).isTrue();
            h.assertClosedSilently("127.0.0.2");
            // a broken line: the tables are not taken, 127.0.0.2 stays denied, 127.0.0.1 allowed
            Files.writeString(dir.resolve("hosts.deny"), "sshd 127.0.0.2\nALL: ALL\n");
            h.guard.reload();
            h.awaitLog("the previous rules stay in force");
            h.assertClosedSilently("127.0.0.2");
            h.assertRelayed("127.0.0.1", "after");
        }
    }

    @Test
    void changedTableFileIsPickedUpByTheWatcher() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = start(backend, "", "")) {
            h.guard.watchFiles(null, Duration.ofMillis(50));
            Files.writeString(dir.resolve("hosts.deny"), DENY_SECOND);
            GuardHarness.await("127.0.0.2 refused after the file changed", () -> refused(h, "127.0.0.2"));
        }
    }

    @Test
    void unreadableConfigurationOnReloadKeepsTheRunningOne() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = start(backend, "", "")) {
            Path bad = Files.writeString(dir.resolve("guard.conf"), "service sshd listen nowhere to 127.0.0.1:1\n");
            h.source(() -> GuardConfigParser.parse(bad));
            assertThat(h.guard.reload()).isFalse();
            h.awaitLog(bad + ":1: \"nowhere\" is not HOST:PORT; configuration not reloaded");
            h.assertRelayed("127.0.0.1", "still up");
        }
    }

    private static boolean refused(GuardHarness h, String from) {
        try (Socket s = h.connectFrom(from)) {
            s.getOutputStream().write('x');
            return s.getInputStream().read() < 0;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
