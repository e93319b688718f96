package dev.jwrap.netty;

import static dev.jwrap.netty.ProxyHeaders.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.host.embed.EmbeddedAccess;
import dev.jwrap.host.embed.LoopbackClient;
import dev.jwrap.host.embed.OpenDescriptors;
import dev.jwrap.host.embed.Poll;
import dev.jwrap.host.embed.RecordingObserver;
import dev.jwrap.host.access.ConnectionEvent.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import dev.jwrap.host.embed.TestTables;
import dev.jwrap.host.log.RecordingSyslog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JwrapAccessHandler} behind Netty's {@code HAProxyMessageDecoder}: the decision is on the
 * client the header names; bad, truncated and missing headers are a log line and a close.
 */
class ProxiedAccessIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private final RecordingSyslog log = new RecordingSyslog();
    private final RecordingObserver recorder = new RecordingObserver();
    private TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        AccessPolicy policy = TestTables.write(dir, "myd", """
                myd: 127.0.0.1 : banners ALLOW_BANNERS
                """, """
                myd: ALL : banners DENY_BANNERS
                """).policy();
        EmbeddedAccess access = EmbeddedAccess.builder("myd", () -> policy, log)
                .serverKind("netty")
                .observer(recorder)
                .build();
        server = new TestServer(access, true, HEADER_TIMEOUT);
    }

    @AfterEach
    void tearDown() {
        server.close();
        assertThat(server.exceptions).isEmpty();
    }

    private LoopbackClient connect(String source) throws IOException {
        return LoopbackClient.connect(source, server.address());
    }

    private void awaitLogLine(String text) {
        Poll.until(() -> log.messages().stream().anyMatch(m -> m.contains(text)), LIMIT, "log line " + text);
    }

    @Test
    void v1HeaderNamesTheClientThatIsRefused() throws Exception {
        try (LoopbackClient client = connect("127.0.0.1")) {
            client.send(ProxyHeaders.v1("127.0.0.2", "127.0.0.1", 40000, 7000));
            assertThat(client.readToEnd()).isEqualTo(TestTables.denyBanner("127.0.0.2"));
        }
        assertThat(log.messages()).contains("refused connect from 127.0.0.2 (127.0.0.2)");
        assertThat(recorder.outcomesFor(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 40000)))
                .containsExactly(Outcome.DENIED);
        assertThat(server.headers).isEmpty();
    }

    @Test
    void v1HeaderNamesTheClientThatIsAllowedAndDataAfterItFollows() throws Exception {
        try (LoopbackClient client = connect("127.0.0.2")) {
            client.send(concat(ProxyHeaders.v1("127.0.0.1", "127.0.0.1", 40000, 7000),
                    "ping\r\n".getBytes(StandardCharsets.US_ASCII)));
            String expected = TestTables.allowBanner("127.0.0.1") + TestServer.HELLO + "ping\r\n";
            assertThat(client.read(expected.length())).isEqualTo(expected);
        }
        assertThat(log.messages()).contains("connect from 127.0.0.1 (127.0.0.1)");
        assertThat(server.headers).singleElement().satisfies(h -> assertThat(h.sourceAddress()).isEqualTo("127.0.0.1"));
    }

    @Test
    void v2HeaderOverIpv4NamesTheClient() throws Exception {
        try (LoopbackClient client = connect("127.0.0.2")) {
            client.send(ProxyHeaders.v2("127.0.0.1", "127.0.0.1", 40000, 7000));
            String expected = TestTables.allowBanner("127.0.0.1") + TestServer.HELLO;
            assertThat(client.read(expected.length())).isEqualTo(expected);
        }
        assertThat(log.messages()).contains("connect from 127.0.0.1 (127.0.0.1)");
    }

    @Test
    void v2HeaderOverIpv6NamesTheClient() throws Exception {
        try (LoopbackClient client = connect("127.0.0.1")) {
            client.send(ProxyHeaders.v2("2001:db8::7", "2001:db8::1", 40000, 7000));
            assertThat(client.readToEnd()).isEqualTo(TestTables.denyBanner("2001:db8::7"));
        }
        assertThat(log.messages()).contains("refused connect from 2001:db8::7 (2001:db8::7)");
    }

    @Test
    void v2LocalHeaderIsDecidedOnTheConnectionItself() throws Exception {
        try (LoopbackClient client = connect("127.0.0.2")) {
            client.send(ProxyHeaders.v2Local());
            assertThat(client.readToEnd()).isEqualTo(TestTables.denyBanner("127.0.0.2"));
        }
        assertThat(log.messages()).contains("refused connect from 127.0.0.2 (127.0.0.2)");
    }

    @Test
    void garbageInsteadOfAHeaderIsLoggedCountedAndClosed() throws Exception {
        try (LoopbackClient client = connect("127.0.0.1")) {
            client.send("GET / HTTP/1.0\r\n\r\n");
            assertThat(client.readToEnd()).isEmpty();
            awaitLogLine("myd: bad PROXY header from 127.0.0.1: ");
            assertThat(recorder.eventsFor(client.localAddress())).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(Outcome.LIMITED);
                assertThat(event.detail()).isEqualTo("proxy_header");
            });
        }
        assertThat(server.sawClient("127.0.0.1")).isFalse();
    }

    @Test
    void v2HeaderWithABadVersionIsLoggedAndClosed() throws Exception {
        byte[] header = ProxyHeaders.v2("127.0.0.1", "127.0.0.1", 1, 2);
        header[12] = 0x31; // version 3
        try (LoopbackClient client = connect("127.0.0.1")) {
            client.send(header);
            assertThat(client.readToEnd()).isEmpty();
        }
        awaitLogLine("myd: bad PROXY header from 127.0.0.1: ");
    }

    @Test
    void truncatedHeaderIsLoggedAndClosed() throws Exception {
        try (LoopbackClient client = connect("127.0.0.1")) {
            client.send("PROXY TCP4 127.0.0.1 12").shutdownOutput();
            assertThat(client.readToEnd()).isEmpty();
        }
        awaitLogLine("PROXY header");
        assertThat(log.messages()).anyMatch(m -> m.startsWith("myd: ") && m.contains("127.0.0.1") && m.contains("PROXY header"));
        assertThat(server.sawClient("127.0.0.1")).isFalse();
    }

    @Test
    void clientThatSendsNothingIsClosedAfterTheHeaderTimeout() throws Exception {
        try (LoopbackClient client = connect("127.0.0.1")) {
            assertThat(client.readToEnd()).isEmpty();
        }
        awaitLogLine("myd: no PROXY header from 127.0.0.1 within 300 ms");
    }

    @Test
    void stressOfGoodBadAndMissingHeadersLeaksNoDescriptor() throws Exception {
        // a first round opens what the JDK and Netty open once and keep (pollers, jar files)
        connectMany(24);
        int baseline = OpenDescriptors.count();
        connectMany(240);
        assertThat(OpenDescriptors.awaitAtMost(baseline, LIMIT)).isLessThanOrEqualTo(baseline);
    }

    private void connectMany(int count) throws IOException {
        byte[][] inputs = {
            ProxyHeaders.v1("127.0.0.1", "127.0.0.1", 1, 2),
            ProxyHeaders.v1("127.0.0.2", "127.0.0.1", 1, 2),
            ProxyHeaders.v2("127.0.0.1", "127.0.0.1", 1, 2),
            "GARBAGE GARBAGE GARBAGE\r\n".getBytes(StandardCharsets.US_ASCII),
            "PROXY TCP4 127.0".getBytes(StandardCharsets.US_ASCII),
            new byte[0],
        };
        for (int i = 0; i < count; i++) {
            byte[] input = inputs[i % inputs.length];
            try (LoopbackClient client = connect("127.0.0.1")) {
                client.send(input);
                if (i % 12 < 6) {
                    client.shutdownOutput();
                    client.readToEnd(); // half of the rounds wait for the server's answer, the rest leave at once
                }
            }
        }
    }
}
