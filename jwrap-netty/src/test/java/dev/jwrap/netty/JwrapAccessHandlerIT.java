package dev.jwrap.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.host.embed.EmbeddedAccess;
import dev.jwrap.host.embed.LoopbackClient;
import dev.jwrap.host.embed.Poll;
import dev.jwrap.host.embed.StallingNamesFixture;
import dev.jwrap.host.access.ConnectionEvent.Outcome;
import dev.jwrap.host.embed.TestTables;
import dev.jwrap.host.log.RecordingSyslog;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JwrapAccessHandler} first in a real Netty server's pipeline, with loopback clients. */
class JwrapAccessHandlerIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private StallingNamesFixture fixture;
    private TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new StallingNamesFixture(dir);
    }

    private void start(Duration checkTimeout) throws InterruptedException {
        EmbeddedAccess access = fixture.access(checkTimeout).serverKind("netty").build();
        server = new TestServer(access, false, JwrapAccessHandler.DEFAULT_HEADER_TIMEOUT);
    }

    @AfterEach
    void tearDown() {
        fixture.resolver.release();
        if (server != null) {
            server.close();
            assertThat(server.exceptions).isEmpty();
        }
    }

    @Test
    void allowedClientGetsBannerBeforeTheServiceAndItsOptions() throws Exception {
        fixture.resolver.release();
        start(EmbeddedAccess.DEFAULT_CHECK_TIMEOUT);
        try (LoopbackClient client = LoopbackClient.connect("127.0.0.1", server.address())) {
            String welcome = TestTables.allowBanner("127.0.0.1") + TestServer.HELLO;
            assertThat(client.read(welcome.length())).isEqualTo(welcome);
            client.send("ping\r\n");
            assertThat(client.read(6)).isEqualTo("ping\r\n");
        }
        assertThat(server.active).anySatisfy(seen -> {
            assertThat(seen.remote().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(seen.keepalive()).isTrue();
        });
        assertThat(fixture.log.entries()).contains(new RecordingSyslog.Entry(StallingNamesFixture.DAEMON_INFO, "connect from 127.0.0.1 (127.0.0.1)"));
    }

    @Test
    void refusedClientGetsBannerAndCloseAndNeverReachesTheService() throws Exception {
        fixture.resolver.release();
        start(EmbeddedAccess.DEFAULT_CHECK_TIMEOUT);
        try (LoopbackClient client = LoopbackClient.connect("127.0.0.2", server.address())) {
            client.send("early bytes\r\n");
            assertThat(client.readToEnd()).isEqualTo(TestTables.denyBanner("127.0.0.2"));
            assertThat(fixture.recorder.eventsFor(client.localAddress())).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
                assertThat(event.server()).isEqualTo("netty");
            });
        }
        assertThat(fixture.recorder.counted("decided myd denied")).isGreaterThanOrEqualTo(1);
        assertThat(server.sawClient("127.0.0.2")).isFalse();
        assertThat(fixture.log.entries())
                .contains(new RecordingSyslog.Entry(StallingNamesFixture.DAEMON_WARNING, "refused connect from 127.0.0.2 (127.0.0.2)"));
    }

    @Test
    void stalledNameLookupLeavesTheEventLoopServingOthers() throws Exception {
        start(Duration.ofSeconds(2));
        try (LoopbackClient stalled = LoopbackClient.connect("127.0.0.2", server.address())) {
            Poll.until(() -> fixture.resolver.blocked() == 1, LIMIT, "the reverse lookup of 127.0.0.2 to hang");
            try (LoopbackClient other = LoopbackClient.connect("127.0.0.1", server.address())) {
                String welcome = TestTables.allowBanner("127.0.0.1") + TestServer.HELLO;
                assertThat(other.read(welcome.length())).isEqualTo(welcome);
                assertThat(fixture.resolver.blocked()).as("still hanging while the other client is served").isEqualTo(1);
            }
            assertThat(stalled.readToEnd()).isEmpty(); // no verdict: no banner, closed (fail closed)
            assertThat(fixture.recorder.outcomesFor(stalled.localAddress())).containsExactly(Outcome.LIMITED);
        }
        assertThat(server.sawClient("127.0.0.2")).isFalse();
        assertThat(fixture.log.messages()).anyMatch(m -> m.startsWith(
                "refused connect from 127.0.0.2 (127.0.0.2): access check for myd took longer than 2000 ms"));
    }
}
