package dev.jwrap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.host.access.TestPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand, run once for real from the installed package: the proof that the jlink'ed
 * runtime holds every module the code needs at run time (FFM calls into the C library, posix_spawn,
 * Unix domain sockets for syslog, the JDK's HTTP server, templates, JSON), not only the ones it
 * compiles against.
 */
class InstalledCommandsIT {

    private static final Pattern COMMAND_LINE = Pattern.compile("^  (\\w+)\\s");

    static ThrowAwayRoot installed;

    @TempDir
    Path dir;

    @BeforeAll
    static void install() throws IOException {
        Commands.require("dpkg", "dpkg");
        installed = Packages.installed();
    }

    @Test
    void everySubcommand_printsItsUsage() {
        ChildProcess.Outcome top = jwrap("--help");
        List<String> subcommands = top.stdout()
                .lines()
                .dropWhile(l -> !l.startsWith("Commands:"))
                .map(COMMAND_LINE::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();

        assertThat(subcommands).contains("match", "check", "inetd", "tcpd", "guard", "audit", "harden", "scan", "export");
        // tcpd takes tcpd's arguments, where --help is none: jwrapTcpd_underASocket_... runs it for real
        for (String subcommand : subcommands.stream().filter(c -> !c.equals("tcpd")).toList()) {
            ChildProcess.Outcome help = jwrap(subcommand, "--help");
            assertThat(help.status()).as("jwrap %s --help: %s", subcommand, help.all()).isZero();
            assertThat(help.all()).as("jwrap %s --help", subcommand).containsIgnoringCase("usage");
        }
    }

    @Test
    void audit_writesItsJsonAndHtmlReports() throws IOException {
        Path json = dir.resolve("audit.json");
        Path html = dir.resolve("audit.html");

        ChildProcess.Outcome asJson = jwrap("audit", "--format", "json", "-o", json.toString());
        ChildProcess.Outcome asHtml = jwrap("audit", "--format", "html", "-o", html.toString());

        // 0: nothing found, 1: findings; both are answers
        assertThat(asJson.status()).as(asJson.all()).isBetween(0, 1);
        assertThat(Files.readString(json)).contains("\"schema\" : \"jwrap.audit/1\"");
        assertThat(asHtml.status()).as(asHtml.all()).isBetween(0, 1);
        assertThat(Files.readString(html)).containsIgnoringCase("<html").contains("jwrap");
    }

    @Test
    void scan_findsAListeningLoopbackPort() throws IOException {
        int port = TestPorts.freePort();
        try (ServerSocket listener = new ServerSocket(port, 50, InetAddress.ofLiteral("127.0.0.1"))) {
            ChildProcess.Outcome scan = jwrap("scan", "-p", Integer.toString(port), "127.0.0.1");

            assertThat(scan.status()).as(scan.all()).isBetween(0, 1);
            assertThat(scan.stdout()).containsPattern("(?m)^\\s*" + port + "/tcp\\s+open");
        }
    }

    @Test
    void export_turnsTheTablesIntoAnNftablesRuleset() throws IOException {
        tables(dir, "sshd: 192.168.1.0/24\n");

        ChildProcess.Outcome export = jwrap("export", "--allow", dir.resolve("hosts.allow").toString(), "--deny",
                dir.resolve("hosts.deny").toString(), "nftables");

        assertThat(export.status()).as(export.all()).isZero();
        assertThat(export.stdout()).contains("table inet jwrap", "ip saddr 192.168.1.0/24 accept");
    }

    @Test
    void harden_dryRun_showsTelnetCommentedOut() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        tables(etc, "");
        Files.writeString(etc.resolve("inetd.conf"), "telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\n");

        ChildProcess.Outcome harden = jwrap("harden", "--root", dir.toString(), "--dry-run");

        assertThat(harden.stdout()).contains("+#telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd");
        assertThat(Files.readString(dir.resolve("etc/inetd.conf"))).startsWith("telnet");
    }

    @Test
    void completion_printsTheBashScript() {
        ChildProcess.Outcome completion = jwrap("completion");

        assertThat(completion.status()).isZero();
        assertThat(completion.stdout()).contains("complete -F");
    }

    /**
     * jwrap inetd spawns cat per connection (posix_spawn through FFM), jwrap guard checks the
     * tables and relays to it: a line sent to the guard comes back through both.
     */
    @Test
    void inetdAndGuard_serveARealChild_throughTheRelay() throws Exception {
        int inetdPort = TestPorts.freePort();
        int guardPort = TestPorts.freePort();
        Path conf = dir.resolve("inetd.conf");
        Files.writeString(conf, "127.0.0.1:" + inetdPort + " stream tcp4 nowait root /bin/cat cat\n");
        tables(dir, "cat: 127.0.0.1\n");

        try (Server inetd = Server.start(dir, "inetd", launcher(), "inetd", "-d", conf.toString());
                Server guard = Server.start(dir, "guard", launcher(), "guard", "-d",
                        "--allow", dir.resolve("hosts.allow").toString(), "--deny", dir.resolve("hosts.deny").toString(),
                        "--listen", "127.0.0.1:" + guardPort, "--to", "127.0.0.1:" + inetdPort, "--daemon", "cat")) {
            inetd.awaitListening(inetdPort);
            guard.awaitListening(guardPort);

            assertThat(roundTrip(guardPort, "through guard and inetd\n")).isEqualTo("through guard and inetd\n");
        }
    }

    /** jwrap-tcpd as inetd runs it: socat accepts and execs it with the connection on fd 0/1/2. */
    @Test
    void jwrapTcpd_underASocket_grantsAndBecomesTheDaemon() throws Exception {
        Commands.require("socat", "socat");
        tables(dir, "ALL: 127.0.0.1\n");
        Path probe = dir.resolve("probe");
        Files.writeString(probe, "#!/bin/sh\necho \"pid=$$ args=$*\"\n");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = TestPorts.freePort();
        String exec = installed.path("/usr/sbin/jwrap-tcpd") + " --allow " + dir.resolve("hosts.allow") + " --deny "
                + dir.resolve("hosts.deny") + " --refusal-delay 0 " + probe + " one two";

        try (Server socat = Server.start(dir, "socat", "socat", "TCP4-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr",
                "EXEC:" + exec + ",nofork")) {
            socat.awaitListening(port);
            String answer;
            try (Socket client = new Socket("127.0.0.1", port)) {
                client.setSoTimeout(30_000);
                answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            assertThat(answer).isEqualTo("pid=" + socat.pid() + " args=one two\n");
        }
    }

    private static Stream<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** hosts.allow with {@code allow} and a default deny, in {@code dir}. */
    private static void tables(Path dir, String allow) throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
    }

    private static String roundTrip(int port, String line) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static String launcher() {
        return installed.path("/usr/bin/jwrap").toString();
    }

    private ChildProcess.Outcome jwrap(String... args) {
        List<String> command = new ArrayList<>(List.of(launcher()));
        command.addAll(List.of(args));
        return Commands.run(dir, command);
    }

    /** A long-running process of the test (a server), its output in a file, stopped with SIGTERM. */
    private record Server(String name, Process process, Path log) implements AutoCloseable {

        static Server start(Path dir, String name, String... command) throws IOException {
            Path log = dir.resolve(name + ".log");
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Server(name, p, log);
        }

        long pid() {
            return process.pid();
        }

        /**
         * Waits until the server listens on {@code port}, without connecting (a server may serve one
         * connection only): polls the kernel's tables of TCP sockets. A JVM's IPv4 listener may be an
         * IPv6 socket bound to ::ffff:127.0.0.1, so both tables count.
         */
        void awaitListening(int port) throws IOException {
            String local = String.format(":%04X", port);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Stream.of("/proc/net/tcp", "/proc/net/tcp6")
                    .flatMap(InstalledCommandsIT::lines)
                    .map(l -> l.strip().split("\\s+"))
                    .noneMatch(f -> f.length > 3 && f[1].endsWith(local) && f[3].equals("0A"))) {
                assertAlive(deadline);
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll interval, not a synchronisation
            }
        }

        private void assertAlive(long deadline) throws IOException {
            assertThat(process.isAlive()).as("%s ended: %s", name, Files.readString(log)).isTrue();
            assertThat(System.nanoTime() < deadline).as("%s does not listen: %s", name, Files.readString(log)).isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }
}
