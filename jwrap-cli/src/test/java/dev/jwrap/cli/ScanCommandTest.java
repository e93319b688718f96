package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.scan.ChannelOpener;
import dev.jwrap.core.LookupServices;
import dev.jwrap.host.log.RecordingSyslog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code jwrap scan}: the safety policy before any socket, {@code --expect}, the nmap-shaped output. */
class ScanCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int scan(ChannelOpener opener, String... args) {
        CliContext context = new CliContext(Path.of("."), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> LookupServices.OFFLINE);
        return new CommandLine(new ScanCommand(context, opener)).execute(args);
    }

    @Test
    void aForeignTargetIsRefusedBeforeAnySocketIsOpened() {
        AtomicInteger opened = new AtomicInteger();
        ChannelOpener counting = () -> {
            opened.incrementAndGet();
            throw new AssertionError("no socket may be opened for a refused target");
        };
        assertThat(scan(counting, "192.0.2.1", "-p", "22")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "jwrap scan: 192.0.2.1 (192.0.2.1) is not this host: scanning it needs --remote (and the authority to scan it)\n");
        assertThat(scan(counting, "192.0.2.1", "--remote", "-p", "22")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs --public as well");
        assertThat(opened).hasValue(0);
    }

    @Test
    void aScanOfAnotherHostIsRecordedInTheAuthLog_aScanOfThisHostIsNot() throws Exception {
        RecordingSyslog auth = new RecordingSyslog();
        ChannelOpener noNetwork = () -> {
            throw new java.io.IOException("test: no packet may leave this host");
        };
        CliContext context = new CliContext(Path.of("."), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> LookupServices.OFFLINE);
        int status = new CommandLine(new ScanCommand(context, noNetwork, () -> auth))
                .execute("10.99.1.2", "--remote", "-p", "22,80");
        assertThat(status).isEqualTo(2); // the test's opener refuses the socket: nothing was sent
        long uid = ((Number) java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        assertThat(auth.entries()).containsExactly(
                new RecordingSyslog.Entry(4 << 3 | 6, "jwrap scan by uid " + uid + ": targets 10.99.1.2 ports 22,80"));

        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
            assertThat(new CommandLine(new ScanCommand(context, ChannelOpener.SYSTEM, () -> auth))
                    .execute("127.0.0.1", "--remote", "-p", port + "")).isZero();
        }
        assertThat(auth.entries()).hasSize(1);
    }

    @Test
    void expectedPortsGiveExitZero_otherwiseOne() throws Exception {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
            int other = port == 65535 ? port - 1 : port + 1;
            assertThat(scan(ChannelOpener.SYSTEM, "127.0.0.1", "-p", port + "", "--expect", port + "")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^" + port + "/tcp +open ")
                    .contains("jwrap done: 1 IP address scanned in ");
            out.reset();
            assertThat(scan(ChannelOpener.SYSTEM, "localhost", "-p", port + "," + other, "--expect", other + "")).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("unexpected open: " + port);
        }
    }

    @Test
    void fastAndFixedTimeoutsScanLikeTheDefault_badValuesAreOneLineAndExitTwo() throws Exception {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
            assertThat(scan(ChannelOpener.SYSTEM, "127.0.0.1", "-p", port + "", "--fast", "--expect", port + "")).isZero();
            assertThat(scan(ChannelOpener.SYSTEM, "127.0.0.1", "-p", port + "", "--timeout", "100", "--expect", port + ""))
                    .isZero();
        }
        assertThat(scan(ChannelOpener.SYSTEM, "127.0.0.1", "--timeout", "0")).isEqualTo(2);
        assertThat(scan(ChannelOpener.SYSTEM, "127.0.0.1", "--max-rate", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "jwrap scan: --timeout: expected 1 to 60000 milliseconds, not 0\n"
                        + "jwrap scan: --max-rate: expected at least 1 connection per second, not 0\n");
    }

    @Test
    void badPortsAreOneLineAndExitTwo() {
        assertThat(scan(ChannelOpener.SYSTEM, "127.0.0.1", "-p", "http")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jwrap scan: not a port or port range: http\n");
    }
}
