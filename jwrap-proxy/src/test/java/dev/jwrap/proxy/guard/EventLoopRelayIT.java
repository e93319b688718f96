package dev.jwrap.proxy.guard;

import static dev.jwrap.proxy.guard.GuardHarness.readToEnd;
import static dev.jwrap.proxy.guard.GuardHarness.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.HostResolver;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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

    /**
     * The most the kernel may hold between the backend and the client: two connections, each with
     * a send and a receive buffer that autotuning may grow to the sysctl maximum (32 MiB receive
     * on this machine), plus 4 MiB for the guard's own buffers and slack.
     */
    private static final long IN_FLIGHT = 2 * (sysctlMax("tcp_rmem") + sysctlMax("tcp_wmem")) + (4 << 20);
    /** 64 MiB more than can ever be in flight: a writer that is not held back writes it all. */
    private static final long FLOOD = IN_FLIGHT + (64 << 20);

    @TempDir
    Path dir;

    /**
     * A backend writes more than the kernel can buffer, as fast as it can, to a client that reads
     * nothing at first: the guard stops reading the backend when the client's socket is full, so
     * the backend's writes block long before the end, and the guard holds one buffer for the
     * stalled direction, not the flood. Then the client reads slowly, and every byte arrives in order.
     */
    @Test
    void stalledReaderHoldsBackTheWriterThroughTheGuard() throws Exception {
        AtomicLong written = new AtomicLong();
        try (ScriptedBackend backend = ScriptedBackend.start(s -> {
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < FLOOD; ) {
                        int length = (int) Math.min(chunk.length, FLOOD - sent);
                        for (int i = 0; i < length; i++) {
                            chunk[i] = pattern(sent + i);
                        }
                        out.write(chunk, 0, length);
                        sent += length;
                        written.addAndGet(length);
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
                .isLessThanOrEqualTo(IN_FLIGHT);
        // one held by the stalled direction, one for the next read; a probe relayed meanwhile may take another
        assertThat(h.guard.buffersAllocated()).as("relay buffers allocated").isLessThanOrEqualTo(4);

        InputStream in = client.getInputStream();
        byte[] piece = new byte[16 * 1024];
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

    /** The third (maximum) value of {@code /proc/sys/net/ipv4/NAME}. */
    private static long sysctlMax(String name) {
        // a stream, not Files.readString: /proc reports a size of 0, and readString trusts it
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4", name))) {
            String[] values = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            return Long.parseLong(values[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
     * A rule with a host name makes every check of the daemon look the client's name up, which
     * happens on a thread of its own: a lookup that hangs for one client holds back neither the
     * loop nor the next client, and its connection is relayed once the answer comes.
     */
    @Test
    void hangingNameLookupHoldsBackOnlyItsOwnConnection() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        HostResolver resolver = new HostResolver() {
            @Override
            public Optional<String> reverse(InetAddress address) {
                if (address.getHostAddress().equals("127.0.0.2")) {
                    asked.countDown();
                    try {
                        answer.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Optional.empty();
            }

            @Override
            public Optional<ForwardLookup> forward(String host, Family family) {
                return Optional.empty();
            }

            @Override
            public boolean inNetgroup(String group, String host) {
                return false;
            }
        };
        LookupServices lookups = new LookupServices(resolver, LookupServices.OFFLINE.ident(),
                LookupServices.OFFLINE.users());
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE,
                        "sshd: .example.test\n", "", l -> l, 1, lookups); // one loop: nowhere else to go
                Socket waiting = h.connectFrom("127.0.0.2")) {
            waiting.getOutputStream().write("first".getBytes(StandardCharsets.US_ASCII));
            assertThat(asked.await(10, TimeUnit.SECONDS)).as("the lookup for 127.0.0.2 started").isTrue();

            h.assertRelayed("127.0.0.1", "not held back");

            answer.countDown();
            assertThat(new String(waiting.getInputStream().readNBytes(5), StandardCharsets.US_ASCII))
                    .isEqualTo("first");
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
