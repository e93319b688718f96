package dev.jwrap.inetd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong, on a live supervisor: bad lines, unknown users and groups, programs that are
 * missing or cannot run, a port that is taken, stream wait entries. Each gets a clear log line, the
 * client of a failing entry sees the connection closed without data (inetd.md §4.4), and every
 * other entry is served.
 */
class FailureModesIT {

    @TempDir
    Path dir;

    /** P13, P14, P11, P23: file:line: reason for each bad line; the good line after them serves. */
    @Test
    void badLines_areReportedWithFileAndLine_andTheRestIsServed() throws Exception {
        try (SupervisorFixture f = new SupervisorFixture(dir).config("""
                127.0.0.1:echo stream tcp4
                127.0.0.1:nosuchservice stream tcp4 nowait root /bin/cat cat
                127.0.0.1:%CAT% bogus tcp4 nowait root /bin/cat cat
                127.0.0.1:echo stream tcp4 nowait %USER% internal
                """)) {
            f.start(SupervisorOptions.defaults());
            String file = f.config.toString();
            assertThat(f.log.messages()).anyMatch(m -> m.startsWith(file + ":1: "))
                    .anyMatch(m -> m.startsWith(file + ":2: ") && m.contains("unknown service"))
                    .anyMatch(m -> m.startsWith(file + ":3: "))
                    .noneMatch(m -> m.startsWith(file + ":4: "));
            assertThat(SupervisorFixture.exchange(f.echoPort, "still served\n")).isEqualTo("still served\n");
        }
    }

    /** S13, S14, §4.4: unknown user or group, missing or unrunnable program: EOF for the client, inetd's log text. */
    @Test
    void spawnFailures_closeTheConnectionWithoutData_logInetdsText_andOthersAreServed() throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("plain.txt"), "not a program\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        int noUser = SupervisorFixture.freePort();
        int noGroup = SupervisorFixture.freePort();
        int missing = SupervisorFixture.freePort();
        int denied = SupervisorFixture.freePort();
        try (SupervisorFixture f = new SupervisorFixture(dir).config("""
                127.0.0.1:%1$d stream tcp4 nowait nosuchuser /bin/cat cat
                127.0.0.1:%2$d stream tcp4 nowait root:nosuchgroup /bin/cat cat
                127.0.0.1:%3$d stream tcp4 nowait root /nonexistent/prog prog
                127.0.0.1:%4$d stream tcp4 nowait root %5$s plain
                127.0.0.1:%%CAT%% stream tcp4 nowait %%USER%% /bin/cat cat
                """.formatted(noUser, noGroup, missing, denied, notExecutable))) {
            f.start(SupervisorOptions.defaults());
            for (int port : new int[] {noUser, noGroup, missing, denied}) {
                assertThat(SupervisorFixture.exchange(port, "")).as("port %d", port).isEmpty();
            }
            f.awaitLog(m -> m.equals("getpwnam: nosuchuser: No such user"));
            f.awaitLog(m -> m.equals("getgrnam: nosuchgroup: No such group"));
            f.awaitLog(m -> m.equals("execv /nonexistent/prog: No such file or directory"));
            f.awaitLog(m -> m.equals("execv " + notExecutable + ": Permission denied"));
            assertThat(SupervisorFixture.exchange(f.catPort, "cat works\n")).isEqualTo("cat works\n");
        }
    }

    /** §3.1: a port that is taken is logged as inetd logs it, and bound when the retry finds it free. */
    @Test
    void failedBind_isLogged_andRetried() throws Exception {
        try (SupervisorFixture f = new SupervisorFixture(dir).config("""
                127.0.0.1:%CAT% stream tcp4 nowait %USER% /bin/cat cat
                127.0.0.1:echo stream tcp4 nowait %USER% internal
                """)) {
            Supervisor supervisor;
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress(SupervisorFixture.LOOPBACK, f.catPort));
                supervisor = f.start(SupervisorOptions.defaults());
                assertThat(f.log.messages()).contains(f.catPort + "/tcp4: bind: Address already in use");
                supervisor.retryUnbound();  // still taken: logged again, not served
                assertThat(supervisor.listening()).hasSize(1);
            }
            supervisor.retryUnbound();  // what the 10-minute timer does
            assertThat(supervisor.listening()).hasSize(2);
            assertThat(SupervisorFixture.exchange(f.catPort, "bound late\n")).isEqualTo("bound late\n");
        }
    }

    /**
     * S11: a stream wait program gets the listening socket, accepts one connection itself, and the
     * service is watched again when it exits (a second connection starts a new child).
     */
    @Test
    void streamWait_childAcceptsOnTheListeningSocket_andIsRestartedForTheNextConnection() throws Exception {
        Path program = dir.resolve("accept-one.pl");
        Files.writeString(program, """
                #!/usr/bin/perl
                open(my $listener, "+<&=", 0) or die "fd 0: $!";
                accept(my $client, $listener) or die "accept: $!";
                syswrite($client, "served by $$\\n");
                close($client);
                """);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SupervisorFixture f = new SupervisorFixture(dir).config(
                "127.0.0.1:%CAT% stream tcp4 wait %USER% " + program + " accept-one\n")) {
            f.start(SupervisorOptions.defaults());
            String first = SupervisorFixture.exchange(f.catPort, "");
            String second = SupervisorFixture.exchange(f.catPort, "");
            assertThat(first).startsWith("served by ");
            assertThat(second).startsWith("served by ").isNotEqualTo(first);
        }
    }

    /** A stream wait line that must be checked cannot be (the child accepts): logged, not served, rest served. */
    @Test
    void streamWait_thatNeedsAnAccessCheck_isNotServed_andSaysWhy() throws Exception {
        try (SupervisorFixture f = new SupervisorFixture(dir).config("""
                127.0.0.1:%CAT% stream tcp4 wait %USER% /usr/sbin/tcpd /bin/cat
                127.0.0.1:echo stream tcp4 nowait %USER% internal
                """)) {
            f.start(SupervisorOptions.defaults());
            assertThat(f.log.messages()).contains(f.catPort
                    + "/tcp4: access control is impossible for a stream wait service; not served");
            assertThat(f.supervisor.listening()).hasSize(1);
            assertThat(SupervisorFixture.exchange(f.echoPort, "x\n")).isEqualTo("x\n");
        }
    }

    /** S16: inetd's FTP-bounce guard: a connection from source port 20 is closed at once, unserved. */
    @Test
    void connectionFromSourcePort20_isClosedUnserved() throws Exception {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(
                "127.0.0.1:echo stream tcp4 nowait %USER% internal\n")) {
            f.start(SupervisorOptions.defaults());
            try (SocketChannel fromFtpData = SocketChannel.open()) {
                fromFtpData.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
                fromFtpData.bind(new InetSocketAddress(SupervisorFixture.LOOPBACK, 20));
                fromFtpData.connect(new InetSocketAddress(SupervisorFixture.LOOPBACK, f.echoPort));
                fromFtpData.write(ByteBuffer.wrap("echo me\n".getBytes(StandardCharsets.US_ASCII)));
                fromFtpData.shutdownOutput();
                assertThat(SupervisorFixture.readAll(fromFtpData)).isEmpty();
            } catch (java.net.SocketException reset) {
                // closed with our line unread: a reset is the other way the client learns it was not served
                assertThat(reset.getMessage()).containsIgnoringCase("reset");
            }
            assertThat(SupervisorFixture.exchange(f.echoPort, "other ports served\n")).isEqualTo("other ports served\n");
        }
    }
}
