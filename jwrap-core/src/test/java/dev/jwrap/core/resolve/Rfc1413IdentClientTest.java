package dev.jwrap.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a fake identd on a loopback port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Rfc1413IdentClientTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static final int CLIENT_PORT = 6191;
    private static final int SERVER_PORT = 23;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private static String lookup(FakeIdentd identd, Duration timeout) {
        return new Rfc1413IdentClient(identd.port())
                .lookup(new InetSocketAddress(LOOPBACK, CLIENT_PORT), new InetSocketAddress(LOOPBACK, SERVER_PORT), timeout);
    }

    @Test
    void goodReply_givesUser_andQueryIsClientPortCommaServerPort() throws Exception {
        try (FakeIdentd identd = FakeIdentd.replying(LOOPBACK, q -> q + " : USERID : UNIX : alice\r\n")) {
            assertThat(lookup(identd, TIMEOUT)).isEqualTo("alice");
            assertThat(identd.takeQuery()).isEqualTo("6191,23\r\n");
        }
    }

    @Test
    void replyWithBlanks_givesFirstWordAfterThirdColon() throws Exception {
        try (FakeIdentd identd = FakeIdentd.replying(LOOPBACK, q -> "6191 , 23 : USERID : UNIX :  carol   extra\r\n")) {
            assertThat(lookup(identd, TIMEOUT)).isEqualTo("carol");
        }
    }

    @Test
    void replyWithBareNewline_isAccepted() throws Exception {
        try (FakeIdentd identd = FakeIdentd.replying(LOOPBACK, q -> "6191,23:USERID:OTHER:bob\n")) {
            assertThat(lookup(identd, TIMEOUT)).isEqualTo("bob");
        }
    }

    @Test
    void wrongPort_givesUnknown() throws Exception {
        try (FakeIdentd identd = FakeIdentd.replying(LOOPBACK, q -> "6191,24 : USERID : UNIX : alice\r\n")) {
            assertThat(lookup(identd, TIMEOUT)).isEqualTo(IdentClient.UNKNOWN);
        }
    }

    @Test
    void errorReply_givesUnknown() throws Exception {
        try (FakeIdentd identd = FakeIdentd.replying(LOOPBACK, q -> q + " : ERROR : NO-USER\r\n")) {
            assertThat(lookup(identd, TIMEOUT)).isEqualTo(IdentClient.UNKNOWN);
        }
    }

    @Test
    void malformedReply_givesUnknown() throws Exception {
        try (FakeIdentd identd = FakeIdentd.replying(LOOPBACK, q -> q + " : userid : UNIX : alice\r\n")) {
            assertThat(lookup(identd, TIMEOUT)).isEqualTo(IdentClient.UNKNOWN);
        }
    }

    @Test
    void replyEndingWithoutNewline_givesUnknown() throws Exception {
        // fgets() hits end of file before the newline, and libwrap rejects a reply after EOF.
        try (FakeIdentd identd = FakeIdentd.replying(LOOPBACK, q -> q + " : USERID : UNIX : alice")) {
            assertThat(lookup(identd, TIMEOUT)).isEqualTo(IdentClient.UNKNOWN);
        }
    }

    @Test
    void replyLongerThanTheLineBuffer_isCutAt511BytesAndTheUserAt127() throws Exception {
        String head = "6191,23:USERID:UNIX:";
        String reply = head + "u".repeat(600);
        try (FakeIdentd identd = FakeIdentd.replyingAndHolding(LOOPBACK, q -> reply)) {
            assertThat(lookup(identd, TIMEOUT)).isEqualTo("u".repeat(127));
        }
    }

    @Test
    void serverThatNeverAnswers_givesUnknownWhenTheTimeoutRunsOut() throws Exception {
        try (FakeIdentd identd = FakeIdentd.silent(LOOPBACK)) {
            assertThat(lookup(identd, SHORT_TIMEOUT)).isEqualTo(IdentClient.UNKNOWN);
            assertThat(identd.takeQuery()).isEqualTo("6191,23\r\n");
        }
    }

    @Test
    void nobodyListening_givesUnknown() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        String user = new Rfc1413IdentClient(port)
                .lookup(new InetSocketAddress(LOOPBACK, CLIENT_PORT), new InetSocketAddress(LOOPBACK, SERVER_PORT), TIMEOUT);
        assertThat(user).isEqualTo(IdentClient.UNKNOWN);
    }

    @Test
    void ipv4MappedClient_isAskedOverIpv4() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(LOOPBACK.getAddress(), 0, mapped, 12, 4);
        InetAddress client = Inet6Address.getByAddress(null, mapped, -1);
        try (FakeIdentd identd = FakeIdentd.replying(LOOPBACK, q -> q + ":USERID:UNIX:dave\r\n")) {
            String user = new Rfc1413IdentClient(identd.port())
                    .lookup(new InetSocketAddress(client, CLIENT_PORT), new InetSocketAddress(client, SERVER_PORT), TIMEOUT);
            assertThat(user).isEqualTo("dave");
        }
    }

    @Test
    void ipv6Loopback() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (FakeIdentd identd = FakeIdentd.replying(v6, q -> q + " : USERID : UNIX : erin\r\n")) {
            String user = new Rfc1413IdentClient(identd.port())
                    .lookup(new InetSocketAddress(v6, CLIENT_PORT), new InetSocketAddress(v6, SERVER_PORT), TIMEOUT);
            assertThat(user).isEqualTo("erin");
        }
    }

    @Test
    void nonPositiveTimeout_givesUnknownWithoutAsking() {
        Rfc1413IdentClient client = new Rfc1413IdentClient();
        InetSocketAddress ep = new InetSocketAddress(LOOPBACK, CLIENT_PORT);
        assertThat(client.lookup(ep, ep, Duration.ZERO)).isEqualTo(IdentClient.UNKNOWN);
        assertThat(client.lookup(ep, ep, Duration.ofSeconds(-1))).isEqualTo(IdentClient.UNKNOWN);
    }

    @Test
    void unresolvedEndpoint_givesUnknown() {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("client.invalid", CLIENT_PORT);
        InetSocketAddress server = new InetSocketAddress(LOOPBACK, SERVER_PORT);
        assertThat(new Rfc1413IdentClient().lookup(unresolved, server, TIMEOUT)).isEqualTo(IdentClient.UNKNOWN);
    }

    @Test
    void identPortOutOfRange_isRejected() {
        assertThatThrownBy(() -> new Rfc1413IdentClient(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rfc1413IdentClient(65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
