package dev.jwrap.inetd.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.inetd.config.InternalService;
import dev.jwrap.inetd.server.SupervisorOptions;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in's TCP and UDP answers from the real openbsd-inetd and from jwrap, side by side in
 * one run (spec §6, §10.4). TCP is probed from 127.0.0.1 and ::1; UDP from ::1, because
 * openbsd-inetd drops UDP requests from 127/8. Daytime and time are compared by format and value
 * (within a few seconds), not by the exact second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenbsdInetdDifferentialIT {

    static final String V4 = "127.0.0.1";
    static final String V6 = "::1";

    @TempDir
    static Path dir;

    private OpenbsdInetd inetd;
    private JwrapBuiltinServer jwrap;
    private JwrapBuiltinServer jwrapDebian;

    @BeforeAll
    void start() throws IOException {
        StringBuilder conf = new StringBuilder("# jwrap differential test\n[::1]:\n");
        for (String s : OpenbsdInetd.SERVICES) {
            conf.append(s).append("\tdgram\tudp6\twait\troot\tinternal\n");
        }
        conf.append("127.0.0.1:\necho\tdgram\tudp4\twait\troot\tinternal\n");
        for (String s : OpenbsdInetd.SERVICES) {
            conf.append("127.0.0.1:").append(s).append("\tstream\ttcp4\tnowait.100000\troot\tinternal\n");
            conf.append("[::1]:").append(s).append("\tstream\ttcp6\tnowait.100000\troot\tinternal\n");
        }
        inetd = OpenbsdInetd.start(dir, conf.toString());
        List<InetSocketAddress> tcp = new ArrayList<>();
        for (String s : OpenbsdInetd.SERVICES) {
            tcp.add(new InetSocketAddress(V4, inetd.port(s)));
            tcp.add(new InetSocketAddress(V6, inetd.port(s)));
        }
        inetd.awaitListening(tcp);
        jwrap = new JwrapBuiltinServer(Clock.systemDefaultZone(), Duration.ofSeconds(30),
                UdpSourceFilter.Mode.JWRAP, Map.of());
        // what `jwrap inetd` uses unless --udp-filter says otherwise: it must refuse what openbsd-inetd refuses
        jwrapDebian = new JwrapBuiltinServer(Clock.systemDefaultZone(), Duration.ofSeconds(30),
                SupervisorOptions.defaults().udpFilter(), Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (jwrap != null) {
                jwrap.close();
                jwrapDebian.close();
            }
        } finally {
            if (inetd != null) {
                inetd.close();
            }
        }
    }

    private InetSocketAddress theirs(String service, String address) {
        return new InetSocketAddress(address, inetd.port(service));
    }

    private static InternalService builtin(String service) {
        return InternalService.valueOf(service.toUpperCase(Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {V4, V6})
    void tcpEcho_sameBytes(String address) throws IOException {
        byte[] request = new byte[70_000];
        for (int i = 0; i < request.length; i++) {
            request[i] = (byte) (i * 7);
        }
        byte[] ours = Probe.tcpExchange(jwrap.tcp(InternalService.ECHO, address), request);
        byte[] real = Probe.tcpExchange(theirs("echo", address), request);
        assertThat(ours).isEqualTo(real).isEqualTo(request);
    }

    @ParameterizedTest
    @ValueSource(strings = {V4, V6})
    void tcpDiscard_sameBytes(String address) throws IOException {
        byte[] request = "nothing comes back\r\n".repeat(500).getBytes(StandardCharsets.US_ASCII);
        assertThat(Probe.tcpExchange(jwrap.tcp(InternalService.DISCARD, address), request))
                .isEqualTo(Probe.tcpExchange(theirs("discard", address), request))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {V4, V6})
    void tcpChargen_sameBytes(String address) throws IOException {
        int n = 3 * 95 * 74 + 100;
        byte[] ours = Probe.tcpReadN(jwrap.tcp(InternalService.CHARGEN, address), n);
        byte[] real = Probe.tcpReadN(theirs("chargen", address), n);
        assertThat(ours).hasSize(n).isEqualTo(real);
    }

    @ParameterizedTest
    @ValueSource(strings = {V4, V6})
    void tcpDaytime_sameFormatAndTime(String address) throws IOException {
        assertSameDaytime(Probe.tcpRead(jwrap.tcp(InternalService.DAYTIME, address)),
                Probe.tcpRead(theirs("daytime", address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {V4, V6})
    void tcpTime_sameFormatAndTime(String address) throws IOException {
        assertSameTime(Probe.tcpRead(jwrap.tcp(InternalService.TIME, address)), Probe.tcpRead(theirs("time", address)));
    }

    @Test
    void udpEcho_sameDatagrams() throws IOException {
        InetSocketAddress ours = jwrap.udp(InternalService.ECHO, V6);
        InetSocketAddress real = theirs("echo", V6);
        for (byte[] request : List.of("ping".getBytes(StandardCharsets.US_ASCII), new byte[0], new byte[4096],
                new byte[5000], new byte[1472])) {
            byte[] a = Probe.udpExchange(Probe.any(V6), ours, request, 5000);
            byte[] b = Probe.udpExchange(Probe.any(V6), real, request, 5000);
            assertThat(a).as("%d-byte request", request.length).isNotNull().isEqualTo(b);
        }
    }

    @Test
    void udpChargen_sameSequenceOfLines() throws IOException {
        InetSocketAddress ours = jwrap.udp(InternalService.CHARGEN, V6);
        InetSocketAddress real = theirs("chargen", V6);
        try (DatagramSocket s = new DatagramSocket(Probe.any(V6))) {
            for (int i = 0; i < 100; i++) {
                byte[] a = Probe.udpExchange(s, ours, new byte[i % 3], 5000);
                byte[] b = Probe.udpExchange(s, real, new byte[i % 3], 5000);
                assertThat(a).as("request %d", i).hasSize(74).isEqualTo(b);
            }
        }
    }

    @Test
    void udpDaytimeAndTime_sameFormatAndTime() throws IOException {
        assertSameDaytime(
                Probe.udpExchange(Probe.any(V6), jwrap.udp(InternalService.DAYTIME, V6), new byte[1], 5000),
                Probe.udpExchange(Probe.any(V6), theirs("daytime", V6), new byte[1], 5000));
        assertSameTime(
                Probe.udpExchange(Probe.any(V6), jwrap.udp(InternalService.TIME, V6), new byte[0], 5000),
                Probe.udpExchange(Probe.any(V6), theirs("time", V6), new byte[0], 5000));
    }

    @Test
    void udpDiscard_neitherAnswers() throws IOException {
        assertThat(Probe.udpExchange(Probe.any(V6), jwrap.udp(InternalService.DISCARD, V6), new byte[5], 500)).isNull();
        assertThat(Probe.udpExchange(Probe.any(V6), theirs("discard", V6), new byte[5], 500)).isNull();
    }

    /** B10: openbsd-inetd ignores UDP from 127/8; jwrap's Debian mode too; jwrap's default answers. */
    @Test
    void udpFromIpv4Loopback_debianDropsJwrapAnswers() throws IOException {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        assertThat(Probe.udpExchange(Probe.any(V4), theirs("echo", V4), ping, 500)).isNull();
        assertThat(Probe.udpExchange(Probe.any(V4), jwrapDebian.udp(InternalService.ECHO, V4), ping, 500)).isNull();
        assertThat(Probe.udpExchange(Probe.any(V4), jwrap.udp(InternalService.ECHO, V4), ping, 5000)).isEqualTo(ping);
    }

    /** B11: a request from ::1 port < 1024: openbsd-inetd and Debian mode answer, jwrap's default does not. */
    @Test
    void udpFromPrivilegedPort_debianAnswersJwrapDrops() throws IOException {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket s = privilegedSocket()) {
            assertThat(Probe.udpExchange(s, theirs("echo", V6), ping, 5000)).isEqualTo(ping);
            assertThat(Probe.udpExchange(s, jwrapDebian.udp(InternalService.ECHO, V6), ping, 5000)).isEqualTo(ping);
            assertThat(Probe.udpExchange(s, jwrap.udp(InternalService.ECHO, V6), ping, 500)).isNull();
        }
    }

    private static DatagramSocket privilegedSocket() throws IOException {
        for (int port = 1000; port < 1024; port++) {
            try {
                return new DatagramSocket(new InetSocketAddress(V6, port));
            } catch (java.net.BindException busy) {
                // next
            }
        }
        throw new IllegalStateException("no free UDP port in 1000..1023 on ::1");
    }

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private static void assertSameDaytime(byte[] ours, byte[] real) {
        assertThat(ours).isNotNull().hasSize(26);
        assertThat(real).isNotNull().hasSize(26);
        String a = new String(ours, StandardCharsets.US_ASCII);
        String b = new String(real, StandardCharsets.US_ASCII);
        String shape = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 123][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [0-9]{4}\r\n";
        assertThat(a).matches(shape);
        assertThat(b).matches(shape);
        LocalDateTime ta = LocalDateTime.parse(a.substring(0, 24), CTIME);
        LocalDateTime tb = LocalDateTime.parse(b.substring(0, 24), CTIME);
        assertThat(Duration.between(ta, tb).abs()).isLessThan(Duration.ofSeconds(10));
    }

    private static void assertSameTime(byte[] ours, byte[] real) {
        assertThat(ours).isNotNull().hasSize(4);
        assertThat(real).isNotNull().hasSize(4);
        long a = ByteBuffer.wrap(ours).getInt() & 0xFFFF_FFFFL;
        long b = ByteBuffer.wrap(real).getInt() & 0xFFFF_FFFFL;
        assertThat(Math.abs(a - b)).isLessThan(10);
        long now = (Instant.now().getEpochSecond() + ClockFormats.EPOCH_OFFSET) & 0xFFFF_FFFFL;
        assertThat(Math.abs(b - now)).isLessThan(10);
    }
}
