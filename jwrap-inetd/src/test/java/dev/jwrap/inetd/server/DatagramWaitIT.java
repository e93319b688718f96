package dev.jwrap.inetd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** dgram wait programs (a lost reply would block a read for ever: hence the timeout): the UDP socket on the child's fd 0, and tcpd's check on the first datagram. */
@Timeout(60)
class DatagramWaitIT {

    /** Answers one datagram on fd 0 with "got:" + payload, then exits (like talkd or tftpd would). */
    private static final String REPLY_ONCE = """
            open(my $s, "+<&=", 0) or exit 2;
            my $from = recv($s, my $buf, 4096, 0) or exit 1;
            send($s, "got:$buf", 0, $from) or exit 3;
            """;

    @TempDir
    Path dir;

    private String config(SupervisorFixture f) throws IOException {
        Path script = Files.writeString(dir.resolve("reply.pl"), REPLY_ONCE);
        return "127.0.0.1:%CAT% dgram udp4 wait %USER% /usr/sbin/tcpd /usr/bin/perl " + script + "\n";
    }

    @Test
    void childGetsTheDatagramSocket_andAnswers_andServiceIsRearmedAfterItExits() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir);
                DatagramChannel client = DatagramChannel.open()) {
            f.config(config(f)).start(SupervisorOptions.defaults());
            client.connect(new InetSocketAddress(SupervisorFixture.LOOPBACK, f.catPort));

            assertThat(ask(client, "one")).isEqualTo("got:one");
            assertThat(ask(client, "two")).isEqualTo("got:two");
            assertThat(f.log.messages()).contains("connect from 127.0.0.1 (127.0.0.1)");
        }
    }

    @Test
    void refusedDatagram_isDropped_andLoggedLikeTcpd() throws Exception {
        try (SupervisorFixture f = new SupervisorFixture(dir);
                DatagramChannel client = DatagramChannel.open()) {
            f.config(config(f)).tables("", "perl: 127.0.0.1\n").start(SupervisorOptions.defaults());
            client.connect(new InetSocketAddress(SupervisorFixture.LOOPBACK, f.catPort));

            client.write(ByteBuffer.wrap("refused".getBytes(StandardCharsets.US_ASCII)));
            f.awaitLog(m -> m.equals("refused connect from 127.0.0.1 (127.0.0.1)"));

            f.tables("", "");
            f.supervisor.reload();
            // the refused datagram was taken off the queue: the child sees only the next one
            assertThat(ask(client, "allowed")).isEqualTo("got:allowed");
        }
    }

    private static String ask(DatagramChannel client, String text) throws IOException {
        client.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer reply = ByteBuffer.allocate(4096);
        client.read(reply);
        reply.flip();
        return StandardCharsets.US_ASCII.decode(reply).toString();
    }
}
