package dev.jwrap.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay's ways of starting (see {@link Connection}): a client that has already sent its whole
 * request, half-closed, is relayed the moment the backend answers the connect, before either socket
 * waits in the selector; everything else waits for readiness. Both must relay every byte: a server
 * that speaks first to a quiet client, and a client and a server that both write more than the
 * socket buffers hold before reading anything (the relay must keep reading one side while the
 * other is full).
 */
class RelayIT {

    private static final int BIG = 8 << 20;

    @TempDir
    Path dir;

    @Test
    void serverThatSpeaksFirstReachesAQuietClient() throws Exception {
        try (Backend backend = Backend.start(RelayIT::greetThenEcho);
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "",
                        UnaryOperator.identity());
                Socket client = h.connectFrom("127.0.0.1")) {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            assertThat(new String(in.readNBytes(10), StandardCharsets.US_ASCII)).isEqualTo("220 ready\n");
            client.getOutputStream().write("QUIT\n".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\n");
        }
    }

    @Test
    void requestSentAndHalfClosedAtOnceIsAnswered() throws Exception {
        try (EchoBackend backend = EchoBackend.open("127.0.0.1");
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "",
                        UnaryOperator.identity())) {
            for (int i = 0; i < 50; i++) {
                try (Socket client = h.connectFrom("127.0.0.1")) {
                    client.setSoTimeout(10_000);
                    String request = "request " + i + "\n";
                    client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    client.shutdownOutput();
                    assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                            .isEqualTo(request);
                }
            }
            h.awaitNoConnections();
        }
    }

    /**
     * The server writes {@link #BIG} bytes before it reads anything, while the client writes as
     * much at once (and reads meanwhile): a relay that pushed the client's bytes without also
     * draining the backend would wait for ever on the backend's full socket buffer.
     */
    @Test
    void bothSidesWritingBeforeReadingDoNotWaitForEachOther() throws Exception {
        byte[] fromClient = random(1);
        byte[] fromServer = random(2);
        CompletableFuture<byte[]> serverGot = new CompletableFuture<>();
        try (Backend backend = Backend.start(s -> {
                    s.getOutputStream().write(fromServer);
                    s.shutdownOutput();
                    serverGot.complete(s.getInputStream().readAllBytes());
                });
                GuardHarness h = GuardHarness.start(dir, backend.address(), ProxyProtocol.NONE, "", "",
                        UnaryOperator.identity());
                Socket client = h.connectFrom("127.0.0.1")) {
            client.setSoTimeout(30_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    out.write(fromClient);
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ByteArrayOutputStream clientGot = new ByteArrayOutputStream(BIG);
            client.getInputStream().transferTo(clientGot);
            assertThat(writer.join(Duration.ofSeconds(30))).as("client's writer finished").isTrue();
            assertThat(Arrays.equals(clientGot.toByteArray(), fromServer)).as("server's bytes at the client").isTrue();
            assertThat(Arrays.equals(serverGot.get(30, TimeUnit.SECONDS), fromClient))
                    .as("client's bytes at the server").isTrue();
            h.awaitNoConnections();
        }
    }

    private static void greetThenEcho(Socket s) throws IOException {
        s.getOutputStream().write("220 ready\n".getBytes(StandardCharsets.US_ASCII));
        s.getInputStream().transferTo(s.getOutputStream());
        s.shutdownOutput();
    }

    private static byte[] random(long seed) {
        byte[] data = new byte[BIG];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** A backend on 127.0.0.1 that runs {@code script} on each connection, on a virtual thread. */
    private static final class Backend implements AutoCloseable {

        @FunctionalInterface
        interface Script {
            void run(Socket connection) throws IOException;
        }

        private final ServerSocket server;

        private Backend(ServerSocket server, Script script) {
            this.server = server;
            Thread.ofVirtual().name("relay-it-backend").start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket connection = server.accept();
                        Thread.ofVirtual().start(() -> {
                            try (connection) {
                                script.run(connection);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        static Backend start(Script script) throws IOException {
            return new Backend(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), script);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
