package dev.jwrap.inetd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.resolve.SystemUserDatabase;
import static dev.jwrap.host.access.LoopbackClients.connect;
import static dev.jwrap.host.access.LoopbackClients.exchange;
import static dev.jwrap.host.access.LoopbackClients.freePort;

import dev.jwrap.host.log.UnixDatagramReceiver;
import dev.jwrap.host.log.UnixSocketSyslog;
import dev.jwrap.inetd.builtin.OpenbsdInetd;
import dev.jwrap.inetd.config.InetdConfigParser;
import dev.jwrap.inetd.config.ParserOptions;
import dev.jwrap.inetd.config.ServicesDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verdict lines of jwrap inetd against openbsd-inetd's and tcpd's, read from syslog sockets:
 * same ident, same priority, same text, for an allowed and a refused client (timestamps and pids
 * aside). Both servers serve the same inetd.conf, services and tables, one after the other on the
 * same port. The test's clients connect from 127.0.0.3 (allowed) and 127.0.0.4 (refused); lines
 * about any other client (this machine's stray connections, readiness probes) are ignored.
 */
class SyslogIdentityDifferentialIT {

    private static final InetAddress ALLOWED = InetAddress.ofLiteral("127.0.0.3");
    private static final InetAddress REFUSED = InetAddress.ofLiteral("127.0.0.4");
    private static final InetAddress PROBE = InetAddress.ofLiteral("127.0.0.5");
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /** {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}, as glibc's syslog() and jwrap send it. */
    private static final Pattern RFC3164 =
            Pattern.compile("<(\\d+)>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d ([^\\[:]+)\\[\\d+\\]: (.*)");

    @TempDir
    Path dir;

    @BeforeAll
    static void available() {
        OpenbsdInetd.requireAvailable();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // inetd -l checks the program's argv[0] as written, with its own texts under its own ident
        "-l, plain line | /bin/cat probe | -l "
                + "| <30> inetd: connection from 127.0.0.3, service jwrapprobe (tcp) "
                + "| <28> inetd: refused connection from 127.0.0.4, service jwrapprobe (tcp)",
        // without -l, tcpd checks the program's basename and logs under it
        "tcpd line | /usr/sbin/tcpd /bin/cat | "
                + "| <30> cat: connect from 127.0.0.3 (127.0.0.3) "
                + "| <28> cat: refused connect from 127.0.0.4 (127.0.0.4)",
        // with -l, inetd does tcpd's check itself: the basename, but inetd's texts and ident
        "-l, tcpd line | /usr/sbin/tcpd /bin/cat | -l "
                + "| <30> inetd: connection from 127.0.0.3, service jwrapprobe (tcp) "
                + "| <28> inetd: refused connection from 127.0.0.4, service jwrapprobe (tcp)"
    })
    void verdictLinesMatchTheCTools(String scenario, String server, String flags, String allowedLine,
            String refusedLine) throws Throwable {
        int port = freePort();
        String services = Files.readString(Path.of("/etc/services"), StandardCharsets.ISO_8859_1)
                + "jwrapprobe\t" + port + "/tcp\n";
        Files.writeString(dir.resolve("services"), services, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("hosts.allow"), "probe, cat: 127.0.0.3\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        Path config = dir.resolve("inetd.conf");
        Files.writeString(config, "jwrapprobe stream tcp nowait root " + server + "\n");
        boolean libwrap = flags != null && flags.contains("-l");

        List<String> fromC;
        try (UnixDatagramReceiver syslog = new UnixDatagramReceiver(dir.resolve("c.sock"));
                PrivateSyslogInetd inetd = PrivateSyslogInetd.start(dir, config, dir.resolve("c.sock"),
                        libwrap ? List.of("-l") : List.of())) {
            awaitListening(port, inetd);
            fromC = converse(port, syslog);
        }

        List<String> fromJwrap;
        SupervisorOptions options = SupervisorOptions.defaults().withLibwrap(libwrap)
                .withTables(TableFile.of(dir.resolve("hosts.allow")), TableFile.of(dir.resolve("hosts.deny")));
        ServicesDatabase database = ServicesDatabase.load(dir.resolve("services"));
        InetdConfigParser parser = new InetdConfigParser(database, ParserOptions.DEFAULTS);
        try (UnixDatagramReceiver syslog = new UnixDatagramReceiver(dir.resolve("j.sock"));
                UnixSocketSyslog log = new UnixSocketSyslog(dir.resolve("j.sock"), "inetd",
                        ProcessHandle.current().pid(), SyslogPriority.LOG_DAEMON, Clock.systemDefaultZone());
                Supervisor jwrap = Supervisor.start(() -> parser.parse(config), options, log, Trace.OFF, database,
                        new LookupServices(LookupServices.OFFLINE.resolver(), LookupServices.OFFLINE.ident(),
                                new SystemUserDatabase()))) {
            assertThat(jwrap.listening()).isNotEmpty();
            fromJwrap = converse(port, syslog);
        }

        assertThat(fromC).as("openbsd-inetd / tcpd").containsExactly(allowedLine, refusedLine);
        assertThat(fromJwrap).as("jwrap inetd").isEqualTo(fromC);
    }

    /** One allowed and one refused client; their verdict lines as {@code <PRI> ident: message}. */
    private static List<String> converse(int port, UnixDatagramReceiver syslog) throws Throwable {
        assertThat(exchange(ALLOWED, port, "hello\n")).isEqualTo("hello\n");
        String allowed = awaitLine(syslog, "127.0.0.3");
        assertThat(exchange(REFUSED, port, "")).isEmpty();
        String refused = awaitLine(syslog, "127.0.0.4");
        return List.of(allowed, refused);
    }

    private static String awaitLine(UnixDatagramReceiver syslog, String client) throws Throwable {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Optional<String> datagram = syslog.receive(Duration.ofMillis(200));
            if (datagram.isEmpty()) {
                continue;
            }
            seen.add(datagram.get());
            Matcher m = RFC3164.matcher(datagram.get());
            if (m.matches() && m.group(3).matches(".*\\b" + Pattern.quote(client) + "\\b.*")) {
                return "<" + m.group(1) + "> " + m.group(2) + ": " + m.group(3);
            }
        }
        throw new AssertionError("no syslog line about " + client + "; received: " + seen);
    }

    /** Waits until the port takes connections, probing from an address whose log lines are ignored. */
    private static void awaitListening(int port, PrivateSyslogInetd inetd) throws IOException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            if (!inetd.isAlive()) {
                throw new IllegalStateException("openbsd-inetd exited: " + inetd.output());
            }
            try (SocketChannel probe = connect(PROBE, port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("openbsd-inetd does not listen: " + inetd.output());
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll interval, not a synchronisation
            }
        }
    }
}
