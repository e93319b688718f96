package dev.jwrap.proxy.tcpd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.sys.NativeLibc;
import dev.jwrap.host.log.RecordingSyslog;
import dev.jwrap.host.log.RecordingSyslog.Entry;
import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * tcpd's IP-options step on real IPv4 sockets, through both bindings: a socket's own IP_OPTIONS
 * read back as set, so a fresh socket with options set on it stands for a connection that
 * arrived with them. The log lines follow tcpd's fix_options (daemon.notice 29, daemon.warning 28).
 */
class IpOptionsCheckTest {

    private static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;
    private static final byte[] RECORD_ROUTE = {7, 7, 4, 0, 0, 0, 0, 0};
    /** A full timestamp option (4 bytes), then a loose source route through 10.99.1.2. */
    private static final byte[] TIMESTAMP_THEN_LSRR = {0x44, 4, 5, 0, (byte) 0x83, 7, 4, 10, 99, 1, 2, 0};
    private static final byte[] LSRR_FIRST = {(byte) 0x83, 7, 4, 10, 99, 1, 2, 0};

    private static final List<IntFunction<InheritedSocket>> BINDINGS =
            List.of(JniInheritedSocket::new, FfmInheritedSocket::new);

    @Test
    void otherOptions_areLoggedInHexAtNotice_andCleared() throws IOException {
        for (IntFunction<InheritedSocket> binding : BINDINGS) {
            int fd = socketWith(RECORD_ROUTE);
            try {
                InheritedSocket socket = binding.apply(fd);
                RecordingSyslog log = new RecordingSyslog();
                IpOptionsCheck.apply(socket, "10.99.2.2", log);
                assertThat(log.entries()).containsExactly(
                        new Entry(29, "connect from 10.99.2.2 with IP options (ignored): 07 07 04 00 00 00 00 00"));
                assertThat(socket.ipOptions()).as("cleared").isEmpty();
            } finally {
                NativeLibc.close(fd);
            }
        }
    }

    @Test
    void aSourceRoute_isRefusedAtWarning_andTheSocketKeepsItsOptions() throws IOException {
        for (IntFunction<InheritedSocket> binding : BINDINGS) {
            int fd = socketWith(TIMESTAMP_THEN_LSRR);
            try {
                InheritedSocket socket = binding.apply(fd);
                RecordingSyslog log = new RecordingSyslog();
                IpOptionsCheck.apply(socket, "10.99.2.2", log);
                assertThat(log.entries()).containsExactly(
                        new Entry(28, "refused connect from 10.99.2.2 with IP source routing options"));
                assertThat(socket.ipOptions()).isEqualTo(TIMESTAMP_THEN_LSRR);
            } finally {
                NativeLibc.close(fd);
            }
        }
    }

    @Test
    void aSourceRouteInTheFirstFourBytes_escapesTheScan_asInTcpdOnLinux() throws IOException {
        int fd = socketWith(LSRR_FIRST);
        try {
            RecordingSyslog log = new RecordingSyslog();
            IpOptionsCheck.apply(new JniInheritedSocket(fd), "10.99.2.2", log);
            assertThat(log.messages()).containsExactly(
                    "connect from 10.99.2.2 with IP options (ignored): 83 07 04 0a 63 01 02 00");
        } finally {
            NativeLibc.close(fd);
        }
    }

    @Test
    void noOptions_noLine() {
        int fd = socketWith(null);
        try {
            RecordingSyslog log = new RecordingSyslog();
            IpOptionsCheck.apply(new FfmInheritedSocket(fd), "127.0.0.1", log);
            IpOptionsCheck.apply(new JniInheritedSocket(-1), "127.0.0.1", log); // getsockopt fails: silent, as tcpd
            assertThat(log.entries()).isEmpty();
        } finally {
            NativeLibc.close(fd);
        }
    }

    @Test
    void theWalk_followsTcpd() {
        assertThat(IpOptionsCheck.sourceRouted(bytes(0, 0, 0, 0, 0x89, 3, 4))).isTrue();
        assertThat(IpOptionsCheck.sourceRouted(bytes(0, 0, 0, 0, 1, 1, 0x83, 3, 4))).as("NOPs are one byte").isTrue();
        assertThat(IpOptionsCheck.sourceRouted(bytes(0, 0, 0, 0, 7, 3, 4, 0x83, 3, 4))).as("lengths are followed").isTrue();
        assertThat(IpOptionsCheck.sourceRouted(bytes(0, 0, 0, 0, 0, 0x83, 3, 4))).as("EOL ends the list").isFalse();
        assertThat(IpOptionsCheck.sourceRouted(bytes(0, 0, 0, 0, 7, 0, 0x83))).as("a zero length ends the walk").isFalse();
        assertThat(IpOptionsCheck.sourceRouted(bytes(0, 0, 0, 0, 7, 9, 0x83))).as("a length past the end").isFalse();
        assertThat(IpOptionsCheck.sourceRouted(bytes(0, 0, 0, 0, 7))).as("no length byte").isFalse();
        assertThat(IpOptionsCheck.sourceRouted(bytes(0x89, 3, 4, 0))).as("the first-hop room").isFalse();
    }

    @Test
    void hexIsTcpdsSpacedLowerCase() {
        assertThat(IpOptionsCheck.spacedHex(bytes(0x07, 0xab, 0x00, 0xff))).isEqualTo(" 07 ab 00 ff");
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static int socketWith(byte[] options) {
        int fd = NativeLibc.socket(AF_INET, SOCK_STREAM, 0);
        assertThat(fd).isNotNegative();
        if (options != null) {
            assertThat(NativeLibc.setBytesOption(fd, InheritedSocket.IPPROTO_IP, InheritedSocket.IP_OPTIONS, options)).isZero();
        }
        return fd;
    }
}
