package dev.jwrap.host.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwrap.host.access.ConnectionEvent.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AccessCheckedServerSocketChannel} with real loopback clients: only allowed connections
 * come out of {@code accept()}, a stalled name lookup delays only its own client, nothing leaks.
 */
class AccessCheckedServerSocketChannelIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private StallingNamesFixture fixture;
    private AccessCheckedServerSocketChannel server;
    /** Connections the caller's accept loop received, with the strays of other local programs. */
    private final LinkedBlockingQueue<SocketChannel> accepted = new LinkedBlockingQueue<>();
    private final List<InetSocketAddress> acceptedFrom = new CopyOnWriteArrayList<>();
    private Thread acceptLoop;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new StallingNamesFixture(dir);
    }

    private void start(Duration checkTimeout) throws IOException {
        EmbeddedAccess access = fixture.access(checkTimeout).build();
        server = AccessCheckedServerSocketChannel.open(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), access);
        acceptLoop = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    SocketChannel c = server.accept();
                    acceptedFrom.add((InetSocketAddress) c.getRemoteAddress());
                    accepted.add(c);
                }
            } catch (IOException e) {
                // closed
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.resolver.release();
        if (server != null) {
            server.close();
            acceptLoop.join(LIMIT);
        }
        accepted.forEach(c -> Connection.of(c).close());
    }

    private SocketChannel acceptedFrom(LoopbackClient client) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            SocketChannel c = accepted.poll(100, TimeUnit.MILLISECONDS);
            if (c != null) {
                if (acceptedAddress(c).equals(client.localAddress())) {
                    return c;
                }
                Connection.of(c).close(); // a stray from another local program
            }
        }
        throw new AssertionError("no accepted connection from " + client.localAddress());
    }

    private static InetSocketAddress acceptedAddress(SocketChannel c) {
        try {
            return (InetSocketAddress) c.getRemoteAddress();
        } catch (IOException e) {
            return new InetSocketAddress(0);
        }
    }

    @Test
    void onlyAllowedConnectionsAreAccepted() throws Exception {
        start(EmbeddedAccess.DEFAULT_CHECK_TIMEOUT);
        fixture.resolver.release(); // names answer at once (none known) in this test
        try (LoopbackClient refused = LoopbackClient.connect("127.0.0.2", server.localAddress());
                LoopbackClient allowed = LoopbackClient.connect("127.0.0.1", server.localAddress())) {
            assertThat(refused.readToEnd()).isEqualTo(TestTables.denyBanner("127.0.0.2"));
            SocketChannel c = acceptedFrom(allowed);
            assertThat(c.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            c.write(ByteBuffer.wrap("served\r\n".getBytes()));
            assertThat(allowed.read(TestTables.allowBanner("127.0.0.1").length() + 8))
                    .isEqualTo(TestTables.allowBanner("127.0.0.1") + "served\r\n");
        }
        assertThat(acceptedFrom).noneMatch(a -> a.getAddress().getHostAddress().equals("127.0.0.2"));
        assertThat(fixture.log.messages()).contains("refused connect from 127.0.0.2 (127.0.0.2)", "connect from 127.0.0.1 (127.0.0.1)");
    }

    @Test
    void stalledNameLookupDelaysOnlyItsOwnClientAndEndsInARefusal() throws Exception {
        start(Duration.ofSeconds(2));
        try (LoopbackClient stalled = LoopbackClient.connect("127.0.0.2", server.localAddress())) {
            Poll.until(() -> fixture.resolver.blocked() == 1, LIMIT, "the reverse lookup of 127.0.0.2 to hang");
            try (LoopbackClient other = LoopbackClient.connect("127.0.0.1", server.localAddress())) {
                SocketChannel c = acceptedFrom(other);
                assertThat(fixture.resolver.blocked()).as("still hanging while the other client is served").isEqualTo(1);
                c.write(ByteBuffer.wrap("served\r\n".getBytes()));
                assertThat(other.read(TestTables.allowBanner("127.0.0.1").length() + 8)).endsWith("served\r\n");
            }
            // fail closed: no verdict, so no banner, just the close, the log line and the count
            assertThat(stalled.readToEnd()).isEmpty();
            assertThat(fixture.recorder.eventsFor(stalled.localAddress())).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(Outcome.LIMITED);
                assertThat(event.detail()).isEqualTo("check_timeout");
            });
        }
        assertThat(fixture.log.messages()).anyMatch(m -> m.startsWith("refused connect from 127.0.0.2 (127.0.0.2): access check for myd took longer than 2000 ms"));
        assertThat(acceptedFrom).noneMatch(a -> a.getAddress().getHostAddress().equals("127.0.0.2"));
    }

    @Test
    void manyAllowedAndRefusedConnectionsLeaveNoDescriptorBehind() throws Exception {
        fixture.resolver.release();
        start(EmbeddedAccess.DEFAULT_CHECK_TIMEOUT);
        // a first round opens what the JDK opens once and keeps (virtual-thread pollers, jar files)
        connectMany(20);
        int baseline = OpenDescriptors.count();
        connectMany(200);
        assertThat(OpenDescriptors.awaitAtMost(baseline, LIMIT)).isLessThanOrEqualTo(baseline);
    }

    private void connectMany(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            boolean allow = i % 2 == 0;
            try (LoopbackClient client = LoopbackClient.connect(allow ? "127.0.0.1" : "127.0.0.2", server.localAddress())) {
                if (allow) {
                    Connection.of(acceptedFrom(client)).close();
                } else if (i % 4 == 1) {
                    client.readToEnd(); // the others leave before their verdict
                }
            }
        }
    }

    @Test
    void closeEndsAcceptWithClosedChannelException() throws Exception {
        start(EmbeddedAccess.DEFAULT_CHECK_TIMEOUT);
        server.close();
        acceptLoop.join(LIMIT);
        assertThat(acceptLoop.isAlive()).isFalse();
        assertThatThrownBy(server::accept).isInstanceOf(ClosedChannelException.class);
    }
}
