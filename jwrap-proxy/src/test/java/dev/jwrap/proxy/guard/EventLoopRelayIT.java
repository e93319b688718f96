package dev.jwrap.proxy.guard;

import static dev.jwrap.proxy.guard.GuardHarness.readToEnd;
import static dev.jwrap.proxy.guard.GuardHarness.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwrap.host.embed.OpenDescriptors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event-loop relay against real sockets: backpressure, half-close in the backend's
 * direction, a backend that vanishes mid-stream, and many connections at once on one and on
 * several loops.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EventLoopRelayIT {

    /** More than all the socket buffers between the backend and the client can hold. */
    private static final int FLOOD = 64 << 20;

    @TempDir
    Path dir;

    /**
     * A backend writes 64 MiB as fast as it can to a client that reads nothing at first: the
     * guard stops reading the backend when the client's socket is full, so the backend's writes
     * block long before the end, and the guard holds one buffer for the stalled direction, not
     * the flood. Then the client reads slowly, and every byte arrives in order.
     */
    @Test
    void stalledReaderHoldsBackTheWriterThroughTheGuard() throws Exception {
        AtomicLong written = new AtomicLong();
        try (ScriptedBackend backend = ScriptedBackend.start(s -> {
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < FLOOD; sent += chunk.length) {
                        for (int i = 0; i < chunk.length; i++) {
                            chunk[i] = pattern(sent + i);
                        }
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                });
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "", l -> l)) {
            try (Socket client = h.connectFrom("127.0.0.1")) {
                flood(h, client, written);
            }
            // the backend's end of stream was passed on; the client's close ends the connection
            h.awaitNoConnections();
        }
    }

    private static void flood(GuardHarness h, Socket client, AtomicLong written) throws Exception {
        awaitSteady(written);
        assertThat(written.get()).as("bytes the backend could write while the client read nothing")
                .isLessThan(FLOOD / 2);
        // one held by the stalled direction, one for the next read; a probe relayed meanwhile may take another
        assertThat(h.guard.buffersAllocated()).as("relay buffers allocated").isLessThanOrEqualTo(4);

        InputStream in = client.getInputStream();
        byte[] piece = new byte[1500];
        long received = 0;
        for (int n; (n = in.read(piece)) >= 0; received += n) {
            for (int i = 0; i < n; i++) {
                if (piece[i] != pattern(received + i)) {
                    throw new AssertionError("byte " + (received + i) + " out of order");
                }
            }
        }
        assertThat(received).isEqualTo(FLOOD);
        assertThat(h.guard.buffersAllocated()).as("relay buffers allocated").isLessThanOrEqualTo(4);
    }

    private static byte pattern(long position) {
        // 251 is prime: a chunk of any power-of-two size moved or repeated changes the sequence
        return (byte) (position % 251);
    }

    /** Waits until {@code counter} has not moved for 300 ms (the writer is blocked), at most 20 s. */
    private static void awaitSteady(AtomicLong counter) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = counter.get();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > Duration.ofMillis(300).toNanos() && now > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the backend never stopped writing: " + counter.get() + " bytes");
    }

    /**
     * The backend greets and ends its side at once, then still reads: the client sees the end of
     * stream after the greeting and can go on sending, and the backend gets every byte.
     */
    @Test
    void halfCloseFromTheBackendLeavesTheClientsDirectionOpen() throws Exception {
        CompletableFuture<String> heard = new CompletableFuture<>();
        try (ScriptedBackend backend = ScriptedBackend.start(s -> {
                    s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    if (!text.isEmpty()) { // not a probe's connection
                        heard.complete(text);
                    }
                });
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "", l -> l)) {
            try (Socket client = h.connectFrom("127.0.0.1")) {
                assertThat(readToEnd(client)).isEqualTo("hello\n");
                client.getOutputStream().write("still talking".getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput();
                assertThat(heard.get(10, TimeUnit.SECONDS)).isEqualTo("still talking");
            }
            h.awaitNoConnections();
        }
    }

    /**
     * The backend sends part of an answer and resets the connection: the client's stream ends
     * (a reset, or the end of stream if the bytes came first) instead of hanging, and the guard
     * forgets the connection.
     */
    @Test
    void backendVanishingMidStreamEndsTheClientsStream() throws Exception {
        try (ScriptedBackend backend = ScriptedBackend.start(s -> {
                    s.getOutputStream().write(new byte[200_000]);
                    s.setSoLinger(true, 0);
                });
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "", l -> l)) {
            try (Socket client = h.connectFrom("127.0.0.1")) {
                long received = 0;
                try {
                    received = client.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (SocketException e) {
                    assertThat(e.getMessage()).containsIgnoringCase("reset");
                }
                assertThat(received).isLessThanOrEqualTo(200_000);
            }
            h.awaitNoConnections();
        }
    }

    /**
     * 200 connections open at the same time, each answered, then all closed: every one is
     * relayed, and the process has as many descriptors as before — on one loop (a plain
     * listening socket) and on three (one SO_REUSEPORT socket per loop).
     */
    @ParameterizedTest(name = "{0} loop(s)")
    @ValueSource(ints = {1, 3})
    void manyConcurrentConnectionsLeaveNoDescriptorBehind(int loops) throws Exception {
        int count = 200;
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "",
                        l -> l.withPerSource(0), loops)) {
            h.assertRelayed("127.0.0.1", "warm-up"); // what the JVM opens once is opened now
            h.awaitNoConnections();
            int before = OpenDescriptors.count();
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    clients.add(h.connectFrom(i % 2 == 0 ? "127.0.0.1" : "127.0.0.2"));
                }
                for (int i = 0; i < count; i++) {
                    assertThat(roundTrip(clients.get(i), "client " + i)).isEqualTo("client " + i);
                }
                assertThat(h.guard.openConnections()).isEqualTo(count);
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
            h.awaitNoConnections();
            assertThat(OpenDescriptors.awaitAtMost(before, Duration.ofSeconds(10))).isLessThanOrEqualTo(before);
        }
    }

    /**
     * Each loop listens on its own SO_REUSEPORT socket, which would let a second guard on the same
     * address silently take part of the connections: it must fail to start instead.
     */
    @Test
    void secondGuardOnTheSameAddressIsRefused() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness first = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "", l -> l, 2)) {
            Route taken = new Route("sshd", first.address(), backend.address(), ProxyProtocol.NONE);
            GuardConfig config = new GuardConfig(List.of(taken), first.guard.config().allow(),
                    first.guard.config().deny(), Limits.DEFAULTS);
            assertThatThrownBy(() -> Guard.start(() -> config, first.services, 2).close())
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on " + HostPort.format(first.address()));
            first.assertRelayed("127.0.0.1", "still the only one");
        }
    }

    /**
     * A backend that serves each connection with {@code conversation}, then closes it. Each, not
     * one: something on this machine now and then probes loopback listeners, and a probe must
     * not take the test's connection's place.
     */
    private static final class ScriptedBackend implements AutoCloseable {

        interface Conversation {
            void run(Socket connection) throws IOException;
        }

        private final ServerSocket server;
        private final Thread thread;

        private ScriptedBackend(ServerSocket server, Conversation conversation) {
            this.server = server;
            this.thread = Thread.ofPlatform().daemon().name("scripted-backend").start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread.ofVirtual().start(() -> converse(s, conversation));
                    } catch (IOException e) {
                        return; // closed by the test
                    }
                }
            });
        }

        private static void converse(Socket s, Conversation conversation) {
            try (s) {
                conversation.run(s);
            } catch (IOException e) {
                // the guard reset or the test ended: the conversation is over either way
            }
        }

        static ScriptedBackend start(Conversation conversation) throws IOException {
            return new ScriptedBackend(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), conversation);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(Duration.ofSeconds(10));
        }
    }
}
