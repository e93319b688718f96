package dev.jwrap.inetd.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.inetd.config.InternalService;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** jwrap's built-ins on real loopback sockets, IPv4 and IPv6, with a fixed clock. */
class BuiltinLoopbackIT {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-03T06:41:05Z"), ZoneId.of("UTC"));

    private final JwrapBuiltinServer server = new JwrapBuiltinServer(CLOCK, Duration.ofMillis(500),
            UdpSourceFilter.Mode.JWRAP, Map.of(
                    "hello", new Greeter(true), "RAW", new Greeter(false)));

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A TCPMUX target that writes a greeting itself and closes. */
    record Greeter(boolean plus) implements TcpmuxTarget {
        @Override
        public void start(SocketChannel connection, Acknowledgement acknowledge) {
            try (connection) {
                acknowledge.send();
                connection.write(ByteBuffer.wrap("hi\r\n".getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException ignored) {
                // test client gone
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void tcpEcho_returnsEverythingUntilEof(String address) throws IOException {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        assertThat(Probe.tcpExchange(server.tcp(InternalService.ECHO, address), data)).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void tcpDiscard_returnsNothing(String address) throws IOException {
        assertThat(Probe.tcpExchange(server.tcp(InternalService.DISCARD, address), new byte[50_000])).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void tcpDaytimeAndTime(String address) throws IOException {
        assertThat(new String(Probe.tcpRead(server.tcp(InternalService.DAYTIME, address)), StandardCharsets.US_ASCII))
                .isEqualTo("Tue Nov  3 06:41:05 2026\r\n");
        assertThat(HexFormat.of().formatHex(Probe.tcpRead(server.tcp(InternalService.TIME, address))))
                .isEqualTo(HexFormat.of().formatHex(ClockFormats.time(CLOCK.instant())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void tcpChargen_startsAtLineZeroForEveryConnection(String address) throws IOException {
        InetSocketAddress at = server.tcp(InternalService.CHARGEN, address);
        ChargenPattern pattern = new ChargenPattern();
        for (int connection = 0; connection < 2; connection++) {
            byte[] got = Probe.tcpReadN(at, 200 * 74);
            for (int n = 0; n < 200; n++) {
                assertThat(java.util.Arrays.copyOfRange(got, n * 74, n * 74 + 74)).isEqualTo(pattern.line(n));
            }
        }
    }

    @Test
    void silentClient_isDisconnectedAfterIdleTimeout() throws IOException {
        for (InternalService service : new InternalService[] {InternalService.ECHO, InternalService.DISCARD,
                InternalService.TCPMUX}) {
            try (Socket s = new Socket()) {
                s.connect(server.tcp(service, "127.0.0.1"));
                s.setSoTimeout(Probe.TIMEOUT_MS);
                assertThat(s.getInputStream().read()).as(service.name()).isEqualTo(-1);
            }
        }
    }

    @Test
    void chargenClientThatNeverReads_isDisconnected() throws Exception {
        try (IdleWatchdog watchdog = new IdleWatchdog();
                java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open()
                        .bind(new InetSocketAddress("127.0.0.1", 0));
                Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(listener.getLocalAddress());
            SocketChannel accepted = listener.accept();
            ChargenService chargen = new ChargenService(watchdog, Duration.ofMillis(300));
            Thread serving = Thread.ofVirtual().start(() -> chargen.serve(accepted));
            // the client reads nothing: the server's writes block, the watchdog must end serve()
            assertThat(serving.join(Duration.ofSeconds(30))).isTrue();
            assertThat(accepted.isOpen()).isFalse();
        }
    }

    @Test
    void udpFromIpv6Loopback() throws IOException {
        InetSocketAddress echo = server.udp(InternalService.ECHO, "::1");
        InetSocketAddress from = Probe.any("::1");
        assertThat(Probe.udpExchange(from, echo, "ping".getBytes(StandardCharsets.US_ASCII), 5000))
                .isEqualTo("ping".getBytes(StandardCharsets.US_ASCII));
        assertThat(Probe.udpExchange(from, echo, new byte[0], 5000)).isEmpty();
        assertThat(Probe.udpExchange(from, echo, new byte[5000], 5000)).hasSize(4096);
        assertThat(new String(Probe.udpExchange(from, server.udp(InternalService.DAYTIME, "::1"), new byte[1], 5000),
                StandardCharsets.US_ASCII)).isEqualTo("Tue Nov  3 06:41:05 2026\r\n");
        assertThat(Probe.udpExchange(from, server.udp(InternalService.TIME, "::1"), new byte[0], 5000))
                .isEqualTo(ClockFormats.time(CLOCK.instant()));
        assertThat(Probe.udpExchange(from, server.udp(InternalService.DISCARD, "::1"), new byte[9], 300)).isNull();
    }

    @Test
    void udpChargen_advancesOneLinePerRequest() throws IOException {
        InetSocketAddress chargen = server.udp(InternalService.CHARGEN, "127.0.0.1");
        ChargenPattern pattern = new ChargenPattern();
        try (DatagramSocket s = new DatagramSocket(Probe.any("127.0.0.1"))) {
            for (int n = 0; n < 97; n++) {
                assertThat(Probe.udpExchange(s, chargen, new byte[3], 5000)).isEqualTo(pattern.line(n));
            }
        }
    }

    @Test
    void udpFromPrivilegedPort_isDroppedByDefault() throws IOException {
        InetSocketAddress echo = server.udp(InternalService.ECHO, "::1");
        for (int port = 1000; port < 1024; port++) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::1", port))) {
                assertThat(Probe.udpExchange(s, echo, new byte[] {1}, 300)).isNull();
                return;
            } catch (java.net.BindException busy) {
                // try the next port
            }
        }
    }

    @Test
    void tcpmux() throws IOException {
        InetSocketAddress mux = server.tcp(InternalService.TCPMUX, "::1");
        assertThat(exchange(mux, "HELP\r\n")).isEqualTo("RAW\r\nhello\r\n");
        assertThat(exchange(mux, "help\n")).isEqualTo("RAW\r\nhello\r\n");
        assertThat(exchange(mux, "HeLLo\r\n")).isEqualTo("+Go\r\nhi\r\n");
        assertThat(exchange(mux, "raw\r\n")).isEqualTo("hi\r\n");
        assertThat(exchange(mux, "nope\r\n")).isEqualTo("-Service not available\r\n");
        // a request line that reaches the cap without a newline (the cap consumes all of it, so no RST)
        assertThat(exchange(mux, "x".repeat(TcpmuxService.MAX_NAME))).isEqualTo("-Service not available\r\n");
    }

    private static String exchange(InetSocketAddress to, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, Probe.TIMEOUT_MS);
            s.setSoTimeout(Probe.TIMEOUT_MS);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
