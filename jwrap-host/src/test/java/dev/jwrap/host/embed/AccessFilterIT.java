package dev.jwrap.host.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.host.access.ConnectionEvent.Outcome;
import dev.jwrap.host.log.RecordingSyslog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AccessFilter} in a plain {@code ServerSocket} accept loop, with real loopback clients. */
class AccessFilterIT {

    @TempDir
    Path dir;

    private final RecordingSyslog log = new RecordingSyslog();
    private final RecordingObserver recorder = new RecordingObserver();
    private ServerSocket server;
    private AccessFilter filter;

    @BeforeEach
    void setUp() throws IOException {
        TestTables tables = TestTables.write(dir, "myd", """
                myd: 127.0.0.1 : banners ALLOW_BANNERS : keepalive : linger 5
                myd: 127.0.0.3 : twist /bin/echo hello
                myd: 127.0.0.4 : spawn /bin/touch %s/spawned-%%a : allow
                myd: [::1] : banners ALLOW_BANNERS
                """.formatted(dir), """
                myd: ALL : banners DENY_BANNERS
                """);
        var policy = tables.policy();
        filter = new AccessFilter(EmbeddedAccess.builder("myd", () -> policy, log)
                .observer(recorder)
                .metrics(recorder)
                .build());
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
    }

    /** The next connection from {@code client}, closing strays from other local programs. */
    private Socket acceptFrom(LoopbackClient client) throws IOException {
        return acceptFrom(server, client);
    }

    private static Socket acceptFrom(ServerSocket server, LoopbackClient client) throws IOException {
        while (true) {
            Socket s = server.accept();
            if (s.getRemoteSocketAddress().equals(client.localAddress())) {
                return s;
            }
            s.close();
        }
    }

    @Test
    void allowedClientGetsBannerAndOptionsAndStaysOpen() throws IOException {
        try (LoopbackClient client = LoopbackClient.connect("127.0.0.1", server.getLocalSocketAddress());
                Socket accepted = acceptFrom(client)) {
            assertThat(filter.admit(accepted)).isTrue();
            assertThat(accepted.isClosed()).isFalse();
            assertThat(accepted.getKeepAlive()).isTrue();
            assertThat(accepted.getSoLinger()).isEqualTo(5);
            accepted.getOutputStream().write("served\r\n".getBytes());
            assertThat(client.read(TestTables.allowBanner("127.0.0.1").length() + 8))
                    .isEqualTo(TestTables.allowBanner("127.0.0.1") + "served\r\n");
        }
        assertThat(log.entries()).contains(new RecordingSyslog.Entry(StallingNamesFixture.DAEMON_INFO, "connect from 127.0.0.1 (127.0.0.1)"));
        assertThat(recorder.counted("decided myd allowed")).isEqualTo(1);
    }

    @Test
    void refusedClientGetsBannerLogLineAndClose() throws IOException {
        try (LoopbackClient client = LoopbackClient.connect("127.0.0.2", server.getLocalSocketAddress());
                Socket accepted = acceptFrom(client)) {
            assertThat(filter.admit(accepted)).isFalse();
            assertThat(accepted.isClosed()).isTrue();
            assertThat(client.readToEnd()).isEqualTo(TestTables.denyBanner("127.0.0.2"));
            assertThat(recorder.eventsFor(client.localAddress())).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
                assertThat(event.server()).isEqualTo("embedded");
                assertThat(event.rule()).hasValueSatisfying(rule -> assertThat(rule).endsWith("hosts.deny:1"));
            });
        }
        assertThat(log.entries())
                .contains(new RecordingSyslog.Entry(StallingNamesFixture.DAEMON_WARNING, "refused connect from 127.0.0.2 (127.0.0.2)"));
        assertThat(recorder.counted("decided myd denied")).isEqualTo(1);
    }

    @Test
    void twistIsRefusedInAnEmbeddedServer() throws IOException {
        try (LoopbackClient client = LoopbackClient.connect("127.0.0.3", server.getLocalSocketAddress());
                Socket accepted = acceptFrom(client)) {
            assertThat(filter.admit(accepted)).isFalse();
            assertThat(client.readToEnd()).isEmpty(); // no shell ran on the connection
        }
        assertThat(log.messages()).anyMatch(m -> m.contains("twist option in resident process"));
        assertThat(log.messages()).contains("refused connect from 127.0.0.3 (127.0.0.3)");
    }

    @Test
    void spawnRunsBesideTheServerBeforeTheVerdict() throws IOException {
        try (LoopbackClient client = LoopbackClient.connect("127.0.0.4", server.getLocalSocketAddress());
                Socket accepted = acceptFrom(client)) {
            assertThat(filter.admit(accepted)).isTrue();
        }
        assertThat(Files.exists(dir.resolve("spawned-127.0.0.4"))).isTrue();
        assertThat(log.messages()).contains("connect from 127.0.0.4 (127.0.0.4)");
    }

    @Test
    void ipv6ClientIsLoggedWithLibwrapsAddressText() throws IOException {
        try (ServerSocket server6 = new ServerSocket()) {
            server6.bind(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0));
            try (LoopbackClient client = LoopbackClient.connect("::1", server6.getLocalSocketAddress());
                    Socket accepted = acceptFrom(server6, client)) {
                assertThat(filter.admit(accepted)).isTrue();
                assertThat(client.read(TestTables.allowBanner("::1").length())).isEqualTo(TestTables.allowBanner("::1"));
            }
        }
        assertThat(log.entries()).contains(new RecordingSyslog.Entry(StallingNamesFixture.DAEMON_INFO, "connect from ::1 (::1)"));
    }

    @Test
    void clientGoneBeforeTheCheckIsClosedWithoutTrouble() throws IOException {
        Socket accepted;
        try (LoopbackClient client = LoopbackClient.connect("127.0.0.2", server.getLocalSocketAddress())) {
            accepted = acceptFrom(client);
        }
        assertThat(filter.admit(accepted)).isFalse();
        assertThat(accepted.isClosed()).isTrue();
        Poll.until(() -> log.messages().contains("refused connect from 127.0.0.2 (127.0.0.2)"),
                Duration.ofSeconds(5), "the refusal log line");
    }
}
