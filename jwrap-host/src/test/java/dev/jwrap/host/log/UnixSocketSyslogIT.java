package dev.jwrap.host.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.SyslogPriority;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact RFC 3164 lines on a private /dev/log. */
class UnixSocketSyslogIT {

    private static final Clock NOV_3 = Clock.fixed(Instant.parse("2026-11-03T06:40:19Z"), ZoneId.of("UTC"));
    private static final Clock NOV_23 = Clock.fixed(Instant.parse("2026-11-23T16:05:09Z"), ZoneId.of("UTC"));

    @TempDir
    Path dir;

    @Test
    void writesInetdsLineFormat() throws Throwable {
        Path socket = dir.resolve("log");
        try (UnixDatagramReceiver devLog = new UnixDatagramReceiver(socket);
                UnixSocketSyslog syslog = new UnixSocketSyslog(socket, "inetd", 1706, SyslogPriority.LOG_DAEMON, NOV_3)) {
            syslog.error("internal service 17109 unknown");
            assertThat(devLog.receive(Duration.ofSeconds(5)))
                    .contains("<27>Nov  3 06:40:19 inetd[1706]: internal service 17109 unknown");
        }
    }

    @Test
    void priorityWithFacilityAndTwoDigitDay() throws Throwable {
        Path socket = dir.resolve("log");
        try (UnixDatagramReceiver devLog = new UnixDatagramReceiver(socket);
                UnixSocketSyslog syslog = new UnixSocketSyslog(socket, "jwrap", 42, SyslogPriority.LOG_DAEMON, NOV_23)) {
            syslog.warning("refused connection from 127.0.0.1, service 17134 (tcp4)");
            syslog.log(SyslogPriority.parse("auth.notice").orElseThrow(), "x");
            syslog.info("connection from ::1, service myspawn (tcp46)");
            assertThat(devLog.receive(Duration.ofSeconds(5)))
                    .contains("<28>Nov 23 16:05:09 jwrap[42]: refused connection from 127.0.0.1, service 17134 (tcp4)");
            assertThat(devLog.receive(Duration.ofSeconds(5))).contains("<37>Nov 23 16:05:09 jwrap[42]: x");
            assertThat(devLog.receive(Duration.ofSeconds(5)))
                    .contains("<30>Nov 23 16:05:09 jwrap[42]: connection from ::1, service myspawn (tcp46)");
        }
    }

    @Test
    void missingSocketDropsSilently() throws Exception {
        Path absent = dir.resolve("no-such-log");
        try (UnixSocketSyslog syslog = new UnixSocketSyslog(absent, "inetd", 1, SyslogPriority.LOG_DAEMON, NOV_3)) {
            syslog.error("nobody hears this");
        }
        assertThat(Files.exists(absent)).isFalse();
    }

    @Test
    void receiverThatGoesAwayAndComesBackIsFoundAgain() throws Throwable {
        Path socket = dir.resolve("log");
        try (UnixSocketSyslog syslog = new UnixSocketSyslog(socket, "inetd", 7, SyslogPriority.LOG_DAEMON, NOV_3)) {
            syslog.error("lost");
            try (UnixDatagramReceiver devLog = new UnixDatagramReceiver(socket)) {
                syslog.error("found");
                assertThat(devLog.receive(Duration.ofSeconds(5))).contains("<27>Nov  3 06:40:19 inetd[7]: found");
            }
        }
    }

    /** Nobody listened at two lines in a row: a receiver started later still gets the lines within a second or so. */
    @Test
    void receiverStartedAfterRepeatedFailures_isFoundAfterTheBackOff() throws Throwable {
        Path socket = dir.resolve("log");
        try (UnixSocketSyslog syslog = new UnixSocketSyslog(socket, "inetd", 6, SyslogPriority.LOG_DAEMON, NOV_3)) {
            syslog.error("lost");
            syslog.error("lost again");
            try (UnixDatagramReceiver devLog = new UnixDatagramReceiver(socket)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                Optional<String> received = Optional.empty();
                for (int line = 0; received.isEmpty() && System.nanoTime() - deadline < 0; line++) {
                    syslog.error("line " + line);
                    received = devLog.receive(Duration.ofMillis(100));
                }
                assertThat(received).hasValueSatisfying(l -> assertThat(l).startsWith("<27>Nov  3 06:40:19 inetd[6]: line "));
            }
        }
    }

    /** A restarted log daemon: the old receiver closes, a new one binds the same path. */
    @Test
    void receiverReplacedAtThePath_getsTheNextLine() throws Throwable {
        Path socket = dir.resolve("log");
        try (UnixSocketSyslog syslog = new UnixSocketSyslog(socket, "inetd", 8, SyslogPriority.LOG_DAEMON, NOV_3)) {
            try (UnixDatagramReceiver first = new UnixDatagramReceiver(socket)) {
                syslog.error("to the first");
                assertThat(first.receive(Duration.ofSeconds(5))).contains("<27>Nov  3 06:40:19 inetd[8]: to the first");
            }
            try (UnixDatagramReceiver second = new UnixDatagramReceiver(socket)) {
                syslog.error("to the second");
                syslog.error("and again");
                assertThat(second.receive(Duration.ofSeconds(5)))
                        .contains("<27>Nov  3 06:40:19 inetd[8]: to the second");
                assertThat(second.receive(Duration.ofSeconds(5))).contains("<27>Nov  3 06:40:19 inetd[8]: and again");
            }
        }
    }

    /** A logger made by withIdent shares the connected socket: both reach the receiver. */
    @Test
    void identsShareOneSocket() throws Throwable {
        Path socket = dir.resolve("log");
        try (UnixDatagramReceiver devLog = new UnixDatagramReceiver(socket);
                UnixSocketSyslog syslog = new UnixSocketSyslog(socket, "inetd", 9, SyslogPriority.LOG_DAEMON, NOV_3)) {
            syslog.info("from inetd");
            syslog.withIdent("in.telnetd").info("from tcpd's daemon");
            assertThat(devLog.receive(Duration.ofSeconds(5))).contains("<30>Nov  3 06:40:19 inetd[9]: from inetd");
            assertThat(devLog.receive(Duration.ofSeconds(5)))
                    .contains("<30>Nov  3 06:40:19 in.telnetd[9]: from tcpd's daemon");
        }
    }

    @Test
    void stderrMirrorAndTee() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordingSyslog recording = new RecordingSyslog();
        Syslog both = Syslog.tee(new StreamSyslog(new PrintStream(out, true, StandardCharsets.UTF_8), "inetd", 99),
                recording);
        both.error("execv /x: No such file or directory");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("inetd[99]: execv /x: No such file or directory" + System.lineSeparator());
        assertThat(recording.entries())
                .containsExactly(new RecordingSyslog.Entry(27, "execv /x: No such file or directory"));
    }
}
