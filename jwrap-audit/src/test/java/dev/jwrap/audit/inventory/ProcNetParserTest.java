package dev.jwrap.audit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcNetParserTest {

    private static final String TCP_HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    private final ProcNetParser parser = new ProcNetParser(ByteOrder.LITTLE_ENDIAN);

    @ParameterizedTest(name = "{0} -> {1} port {2}")
    @CsvSource({
        "0100007F:A029, 127.0.0.1, 41001, false",
        "0500A8C0:0016, 192.168.0.5, 22, false",
        "00000000:0017, 0.0.0.0, 23, false",
        "00000000000000000000000001000000:A02A, ::1, 41002, false",
        "0000000000000000FFFF00000100007F:A02B, 127.0.0.1, 41003, true",
        "B80D0120000000000000000001000000:0035, 2001:db8::1, 53, false",
        "00000000000000000000000000000000:0016, ::, 22, false"
    })
    void addressesDecodeInLittleEndianWords(String column, String address, int port, boolean mapped) throws Exception {
        ProcNetAddress.Endpoint e = ProcNetAddress.parse(column, ByteOrder.LITTLE_ENDIAN);
        assertThat(e.address()).isEqualTo(InetAddress.getByName(address));
        assertThat(e.port()).isEqualTo(port);
        assertThat(e.mapped()).isEqualTo(mapped);
    }

    @Test
    void aBigEndianMachineWritesTheBytesInOrder() throws Exception {
        assertThat(ProcNetAddress.parse("7F000001:0050", ByteOrder.BIG_ENDIAN).address())
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void observedTcpLinesGiveListenersWithUidAndInode() {
        String text = TCP_HEADER
                + "   3: 0100007F:A029 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2578778 1 0000000000000000 100 0 0 10 0\n"
                + "   4: 0100007F:A029 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000  1000        0 2578779 1 0000000000000000 20 4 30 10 -1\n";
        List<SocketLine> all = parser.parse("tcp", Transport.TCP, false, text, false, w -> {});
        assertThat(all).hasSize(2);
        assertThat(all.get(0).state()).isEqualTo(SocketState.LISTEN);
        assertThat(all.get(0).isListening()).isTrue();
        assertThat(all.get(0).inode()).isEqualTo(2578778L);
        assertThat(all.get(1).uid()).isEqualTo(1000);
        assertThat(all.get(1).isListening()).isFalse();
        assertThat(parser.parse("tcp", Transport.TCP, false, text, true, w -> {})).hasSize(1);
    }

    @ParameterizedTest(name = "state {0}")
    @CsvSource({"01, ESTABLISHED", "02, SYN_SENT", "03, SYN_RECV", "04, FIN_WAIT1", "05, FIN_WAIT2", "06, TIME_WAIT",
        "07, CLOSE", "08, CLOSE_WAIT", "09, LAST_ACK", "0A, LISTEN", "0B, CLOSING", "0C, NEW_SYN_RECV"})
    void everyKernelStateIsKnown(String hex, SocketState state) {
        String text = TCP_HEADER + "   0: 0100007F:0050 00000000:0000 " + hex
                + " 00000000:00000000 00:00000000 00000000     0        0 77 1\n";
        assertThat(parser.parse("tcp", Transport.TCP, false, text, false, w -> {}))
                .singleElement().extracting(SocketLine::state).isEqualTo(state);
    }

    @Test
    void udpListenersAreUnconnectedAndTheSlotColumnIsAHashSlot() {
        String text = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
                + " 9562: 0100007F:A02C 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2578782 2 0000000000000000 0\n"
                + "14801: 0100007F:D5A1 0100007F:A02C 01 00000000:00000000 00:00000000 00000000     0        0 2578790 2 0000000000000000 0\n";
        List<SocketLine> lines = parser.parse("udp", Transport.UDP, false, text, true, w -> {});
        assertThat(lines).singleElement().satisfies(s -> {
            assertThat(s.localPort()).isEqualTo(41004);
            assertThat(s.state()).isEqualTo(SocketState.CLOSE);
        });
    }

    @Test
    void aRawSocketsPortIsTheProtocolNumber() {
        String text = TCP_HEADER
                + "   1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2579001 2 0000000000000000 0\n";
        assertThat(parser.parse("raw", Transport.RAW, false, text, true, w -> {}))
                .singleElement().extracting(SocketLine::localPort).isEqualTo(1);
    }

    @Test
    void garbageLinesAreSkippedWithAWarningNamingTheLine() {
        String text = TCP_HEADER
                + "this is not a socket\n"
                + "   1: 0100007F:ZZZZ 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 5 1\n"
                + "   2: 0100007F:0050 00000000:0000 FF 00000000:00000000 00:00000000 00000000 0 0 6 1\n"
                + "   3: 00000000000000000000000001000000:0050 00000000:0000 0A 0 0 0 0 0 7 1\n"
                + "   4: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 8 1\n";
        List<String> warnings = new ArrayList<>();
        List<SocketLine> lines = parser.parse("/proc/net/tcp", Transport.TCP, false, text, true, warnings::add);
        assertThat(lines).singleElement().extracting(SocketLine::inode).isEqualTo(8L);
        assertThat(warnings).hasSize(4);
        assertThat(warnings.getFirst()).startsWith("/proc/net/tcp:2: ");
    }
}
