package dev.jwrap.inetd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.inetd.builtin.UdpSourceFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorIT {

    private static final String CONFIG = """
            127.0.0.1:echo stream tcp4 nowait %USER% internal
            127.0.0.1:echo dgram udp4 wait %USER% internal
            127.0.0.1:%CAT% stream tcp4 nowait %USER% /usr/sbin/tcpd /bin/cat
            """;

    @TempDir
    Path dir;

    @Test
    void echoAndSpawnedCat_roundTrip_andTheGrantIsLoggedLikeTcpd() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CONFIG)) {
            f.start(SupervisorOptions.defaults());

            assertThat(SupervisorFixture.exchange(f.echoPort, "hello echo\n")).isEqualTo("hello echo\n");
            assertThat(SupervisorFixture.exchange(f.catPort, "hello cat\n")).isEqualTo("hello cat\n");
            assertThat(f.log.messages()).contains("connect from 127.0.0.1 (127.0.0.1)");
        }
    }

    @Test
    void udpEcho_answersFromTheSupervisor() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CONFIG)) {
            // 127/8 is answered only by the jwrap filter (openbsd-inetd's, the default, drops it)
            f.start(SupervisorOptions.defaults().withUdpFilter(UdpSourceFilter.Mode.JWRAP));
            assertThat(udpAsk(new InetSocketAddress(SupervisorFixture.LOOPBACK, f.echoPort), 5000)).isEqualTo("ping");
        }
    }

    /** B10 with the default filter: like openbsd-inetd, no answer to 127.0.0.1, an answer to ::1. */
    @Test
    void udpEcho_defaultFilter_dropsIpv4Loopback_answersIpv6Loopback() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CONFIG + "[::1]:echo dgram udp6 wait %USER% internal\n")) {
            f.start(SupervisorOptions.defaults());
            assertThat(udpAsk(new InetSocketAddress(InetAddress.ofLiteral("::1"), f.echoPort), 5000)).isEqualTo("ping");
            assertThat(udpAsk(new InetSocketAddress(SupervisorFixture.LOOPBACK, f.echoPort), 500)).isNull();
        }
    }

    /** Sends "ping" and returns the answer, or null when none comes within {@code waitMillis}. */
    private static String udpAsk(InetSocketAddress service, int waitMillis) throws IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(
                new InetSocketAddress(service.getAddress(), 0))) {
            socket.setSoTimeout(waitMillis);
            socket.send(new java.net.DatagramPacket("ping".getBytes(StandardCharsets.US_ASCII), 4, service));
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[64], 64);
            try {
                socket.receive(reply);
            } catch (java.net.SocketTimeoutException none) {
                return null;
            }
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void deniedClient_isClosedWithoutData_andRefusalIsLogged() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CONFIG).tables("", "cat: 127.0.0.1\n")) {
            f.start(SupervisorOptions.defaults());

            assertThat(SupervisorFixture.exchange(f.catPort, "")).isEmpty();
            assertThat(f.log.messages()).contains("refused connect from 127.0.0.1 (127.0.0.1)");
            assertThat(f.log.entries()).filteredOn(e -> e.message().startsWith("refused"))
                    .allSatisfy(e -> assertThat(e.priority()).isEqualTo(28)); // daemon.warning
        }
    }

    @Test
    void libwrap_checksArgv0AsWritten_withInetdsMessages() throws IOException {
        String config = "127.0.0.1:%CAT% stream tcp4 nowait %USER% /bin/cat /some/path/cat\n";
        try (SupervisorFixture f = new SupervisorFixture(dir).config(config).tables("cat: 127.0.0.1\n", "ALL: ALL\n")) {
            f.start(SupervisorOptions.defaults().withLibwrap(true));

            assertThat(SupervisorFixture.exchange(f.catPort, "")).isEmpty();
            assertThat(f.log.messages()).contains(
                    "refused connection from 127.0.0.1, service " + f.catPort + " (tcp4)");
        }
    }

    @Test
    void builtins_areNotChecked_withoutWrapAll() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CONFIG).tables("", "ALL: ALL\n")) {
            f.start(SupervisorOptions.defaults().withLibwrap(true));
            assertThat(SupervisorFixture.exchange(f.echoPort, "e\n")).isEqualTo("e\n");
        }
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CONFIG).tables("", "ALL: ALL\n")) {
            f.start(SupervisorOptions.defaults().withWrapAll(true));
            assertThat(SupervisorFixture.exchange(f.echoPort, "")).isEmpty();
            assertThat(f.log.messages()).contains(
                    "refused connection from 127.0.0.1, service echo (tcp4)");
        }
    }

    @Test
    void reload_withBrokenTable_keepsTheOldPolicy_andTheListeningSocket() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CONFIG).tables("", "cat: 127.0.0.1\n")) {
            Supervisor supervisor = f.start(SupervisorOptions.defaults());
            String key = "127.0.0.1:" + f.catPort + "/tcp4@/127.0.0.1:" + f.catPort;
            NetworkChannel before = supervisor.channel(key);
            assertThat(before).isNotNull();

            f.tables("cat 127.0.0.1\n", "");  // missing ':' separator
            assertThat(supervisor.reload()).isTrue();
            assertThat(SupervisorFixture.exchange(f.catPort, "")).isEmpty();
            assertThat(f.log.messages()).anyMatch(m -> m.startsWith("hosts tables not reloaded"));

            f.tables("", "");
            supervisor.reload();
            assertThat(SupervisorFixture.exchange(f.catPort, "now\n")).isEqualTo("now\n");
            assertThat(supervisor.channel(key)).isSameAs(before);
        }
    }

    @Test
    void reload_withUnreadableConfig_keepsServing() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CONFIG)) {
            Supervisor supervisor = f.start(SupervisorOptions.defaults());
            java.nio.file.Files.delete(f.config);

            assertThat(supervisor.reload()).isFalse();
            assertThat(SupervisorFixture.exchange(f.echoPort, "still\n")).isEqualTo("still\n");
        }
    }

    @Test
    void reload_removedEntry_isClosed_newEntryOpened() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CONFIG)) {
            Supervisor supervisor = f.start(SupervisorOptions.defaults());
            f.config("127.0.0.1:%CAT% stream tcp4 nowait %USER% /bin/cat cat\n");
            supervisor.reload();

            assertThat(supervisor.listening()).hasSize(1);
            assertThat(SupervisorFixture.exchange(f.catPort, "only\n")).isEqualTo("only\n");
        }
    }
}
