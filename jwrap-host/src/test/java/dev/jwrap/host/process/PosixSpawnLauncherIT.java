package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jwrap.core.resolve.SystemUserDatabase;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real children on real loopback sockets: each probe reports its own state from /proc through
 * the socket it was given (inetd.md §4.2, checklist §10.3).
 */
class PosixSpawnLauncherIT {

    private static final Path SH = Path.of("/bin/sh");
    private static final Path PERL = Path.of("/usr/bin/perl");

    private static PosixSpawnLauncher launcher;
    private static ChildReaper reaper;
    private final ChannelDescriptors descriptors = new ChannelDescriptors();

    @BeforeAll
    static void start() {
        launcher = new PosixSpawnLauncher();
        reaper = new ChildReaper(Duration.ofMillis(50));
    }

    @AfterAll
    static void stop() {
        reaper.close();
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The environment inetd would see: dangerous and harmless variables. */
    private static Map<String, String> hostEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", "/root");
        env.put("TERM", "xterm");
        env.put("USER", "root");
        env.put("LD_LIBRARY_PATH", "/nonexistent");
        env.put("FOO", "bar");
        env.put("LANG", "C.UTF-8");
        env.put("OLDPWD", "/tmp");
        return env;
    }

    private SpawnRequest probe(int fd) {
        return SpawnRequest.of(SH, List.of("probe", "-c", ChildReport.PROBE), fd,
                Environment.forInetd(hostEnvironment(), false));
    }

    /** Spawns {@code request} for the connection, closes the server's copy, and collects the report. */
    private ChildReport run(Loopback conn, SpawnRequest request) throws Exception {
        CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        int pid = launcher.spawn(request);
        reaper.watch(pid, exit::complete);
        conn.server().close(); // inetd closes its copy at once; the child holds the connection alone
        ChildReport report = ChildReport.read(conn.client());
        assertThat(report.pid()).isEqualTo(pid);
        echoesThroughSocket(conn.client());
        assertThat(exit.get(10, TimeUnit.SECONDS).success()).isTrue();
        return report;
    }

    private static void echoesThroughSocket(Socket client) throws IOException {
        client.getOutputStream().write("hello through the socket\n".getBytes(StandardCharsets.US_ASCII));
        String reply = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(reply).isEqualTo("got:hello through the socket\n");
    }

    @Test
    void childHasTheSocketOnStdioAndNoOtherDescriptor() throws Exception {
        try (Loopback conn = Loopback.open()) {
            ChildReport report = run(conn, probe(descriptors.fd(conn.server())));

            assertThat(report.fds()).containsExactly("0", "1", "2");
            assertThat(report.links()).hasSize(3).allMatch(l -> l.matches("socket:\\[\\d+]"));
            assertThat(report.links()).containsOnly(report.links().getFirst());
            assertThat(report.argv()).containsExactly("probe", "-c", ChildReport.PROBE);
        }
    }

    @Test
    void childRunsInANewSessionWithCleanSignalsAndUmask022() throws Exception {
        try (Loopback conn = Loopback.open()) {
            ChildReport report = run(conn, probe(descriptors.fd(conn.server())));

            assertThat(report.stat(5)).as("pgrp").isEqualTo(report.pid());
            assertThat(report.stat(6)).as("session").isEqualTo(report.pid());
            assertThat(report.stat(7)).as("tty_nr").isZero();
            assertThat(report.stat(4)).as("ppid").isEqualTo(ProcessHandle.current().pid());
            assertThat(report.status("SigBlk")).isEqualTo("0000000000000000");
            assertThat(report.status("SigIgn")).isEqualTo("0000000000000000");
            assertThat(report.status("Umask")).isEqualTo("0022");
        }
    }

    @Test
    void environmentIsLaunderedLikeDebianInetd() throws Exception {
        try (Loopback conn = Loopback.open()) {
            ChildReport report = run(conn, probe(descriptors.fd(conn.server())));

            assertThat(report.environment()).containsExactlyInAnyOrder(
                    "FOO=bar", "LANG=C.UTF-8", "OLDPWD=/tmp", "inetd_dummy=" + "x".repeat(99));
        }
    }

    @Test
    void keepAllEnvironmentPassesEverything() throws Exception {
        try (Loopback conn = Loopback.open()) {
            SpawnRequest request = SpawnRequest.of(SH, List.of("probe", "-c", ChildReport.PROBE),
                    descriptors.fd(conn.server()), Environment.forInetd(hostEnvironment(), true));
            ChildReport report = run(conn, request);

            assertThat(report.environment()).contains("PATH=/usr/bin:/bin", "HOME=/root", "TERM=xterm",
                    "USER=root", "LD_LIBRARY_PATH=/nonexistent", "FOO=bar");
        }
    }

    @Test
    void dropsToNobodyAndNogroupBeforeTheProgramRuns() throws Exception {
        assumeTrue(root(), "changing identity needs root");
        Credentials nobody = new CredentialResolver(new SystemUserDatabase()).resolve("nobody", Optional.of("nogroup"));
        assertThat(nobody).isEqualTo(new Credentials.SwitchUser(65534, 65534, List.of(65534)));
        try (Loopback conn = Loopback.open()) {
            ChildReport report = run(conn, probe(descriptors.fd(conn.server())).withCredentials(nobody));

            assertThat(report.status("Uid")).isEqualTo("65534\t65534\t65534\t65534");
            assertThat(report.status("Gid")).isEqualTo("65534\t65534\t65534\t65534");
            assertThat(report.status("Groups")).isEqualTo("65534");
            assertThat(report.status("CapEff")).isEqualTo("0000000000000000");
            // The helper chain (setpriv, perl) exec'd in place: same pid, argv[0] as configured,
            // still nothing but the socket, still its own session.
            assertThat(report.argv()).containsExactly("probe", "-c", ChildReport.PROBE);
            assertThat(report.fds()).containsExactly("0", "1", "2");
            assertThat(report.stat(6)).isEqualTo(report.pid());
            assertThat(report.environment()).doesNotContain("PATH=/usr/bin:/bin").contains("FOO=bar");
        }
    }

    @Test
    void rootWithGroupChangesOnlyTheGroup() throws Exception {
        assumeTrue(root(), "changing identity needs root");
        Credentials rootNogroup = new CredentialResolver(new SystemUserDatabase()).resolve("root", Optional.of("nogroup"));
        assertThat(rootNogroup).isEqualTo(new Credentials.GroupOnly(65534));
        try (Loopback conn = Loopback.open()) {
            ChildReport report = run(conn, probe(descriptors.fd(conn.server())).withCredentials(rootNogroup));

            assertThat(report.status("Uid")).isEqualTo("0\t0\t0\t0");
            assertThat(report.status("Gid")).startsWith("65534\t65534");
        }
    }

    @Test
    void umaskAndNiceAreApplied() throws Exception {
        try (Loopback conn = Loopback.open()) {
            ChildReport report = run(conn, probe(descriptors.fd(conn.server())).withUmask(0027).withNice(5));

            assertThat(report.status("Umask")).isEqualTo("0027");
            assertThat(report.stat(19)).as("nice").isEqualTo(5);
            assertThat(report.argv().getFirst()).isEqualTo("probe");
            assertThat(report.fds()).containsExactly("0", "1", "2");
        }
    }

    @Test
    void workingDirectoryIsSet() throws Exception {
        try (Loopback conn = Loopback.open()) {
            SpawnRequest request = SpawnRequest.of(SH, List.of("sh", "-c", "/bin/pwd"),
                    descriptors.fd(conn.server()), List.of()).withWorkingDirectory(Path.of("/"));
            launcher.spawn(request);
            conn.server().close();
            assertThat(new String(conn.client().getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("/\n");
        }
    }

    @Test
    void streamWaitServiceGetsTheListeningSocket() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            String script = "accept(C, STDIN) or exit 3; syswrite C, \"accepted by the child\\n\"; exit 0";
            CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
            int pid = launcher.spawn(SpawnRequest.of(PERL, List.of("waitsrv", "-e", script),
                    descriptors.fd(listener), List.of()));
            reaper.watch(pid, exit::complete);
            try (Socket client = new Socket()) {
                client.connect(listener.getLocalAddress(), 5_000);
                client.setSoTimeout(10_000);
                assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                        .isEqualTo("accepted by the child\n");
            }
            assertThat(exit.get(10, TimeUnit.SECONDS).describe()).isEqualTo("exit status 0");
        }
    }

    @Test
    void datagramWaitServiceGetsTheUdpSocket() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (DatagramChannel service = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
                DatagramSocket client = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            // Perl's STDIN is read-only; the socket on fd 0 is read-write (O_RDWR), so reopen it as such.
            String script = "open(S, '+<&=', 0) or exit 5; $from = recv(S, $b, 512, 0);"
                    + " send(S, \"re:$b\", 0, $from) or exit 4; exit 0";
            CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
            int pid = launcher.spawn(SpawnRequest.of(PERL, List.of("udpsrv", "-e", script),
                    descriptors.fd(service), List.of()));
            reaper.watch(pid, exit::complete);
            byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(ping, ping.length, service.getLocalAddress()));
            client.setSoTimeout(10_000);
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            client.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII)).isEqualTo("re:ping");
            assertThat(exit.get(10, TimeUnit.SECONDS).success()).isTrue();
        }
    }

    @Test
    void noStdioMeansDevNull() throws Exception {
        Path out = Files.createTempFile("jwrap-nostdio", ".txt");
        try {
            CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
            int pid = launcher.spawn(SpawnRequest.of(SH, List.of("sh", "-c", "/bin/readlink /proc/$$/fd/0 /proc/$$/fd/2 > " + out),
                    SpawnRequest.NO_STDIO, List.of()));
            reaper.watch(pid, exit::complete);
            assertThat(exit.get(10, TimeUnit.SECONDS).success()).isTrue();
            assertThat(Files.readString(out)).isEqualTo("/dev/null\n/dev/null\n");
        } finally {
            Files.delete(out);
        }
    }

    @Test
    void missingProgramIsAClearErrorAndNothingRuns() {
        SpawnRequest request = SpawnRequest.of(Path.of("/nonexistent/in.fingerd"), List.of("in.fingerd"),
                SpawnRequest.NO_STDIO, List.of());
        assertThatThrownBy(() -> launcher.spawn(request))
                .isInstanceOf(SpawnException.class)
                .hasMessage("execv /nonexistent/in.fingerd: No such file or directory")
                .satisfies(e -> assertThat(((SpawnException) e).errno()).isEqualTo(2));
    }

    @Test
    void missingProgramBehindTheHelperChainIsTheSameError() {
        SpawnRequest request = SpawnRequest.of(Path.of("/nonexistent/in.fingerd"), List.of("in.fingerd"),
                SpawnRequest.NO_STDIO, List.of()).withCredentials(new Credentials.SwitchUser(65534, 65534, List.of()));
        assertThatThrownBy(() -> launcher.spawn(request))
                .isInstanceOf(SpawnException.class)
                .hasMessage("execv /nonexistent/in.fingerd: No such file or directory");
    }

    @Test
    void nonExecutableProgramIsPermissionDenied() throws IOException {
        Path file = Files.createTempFile("jwrap-noexec", ".sh");
        try {
            SpawnRequest request = SpawnRequest.of(file, List.of("x"), SpawnRequest.NO_STDIO, List.of());
            assertThatThrownBy(() -> launcher.spawn(request))
                    .isInstanceOf(SpawnException.class)
                    .hasMessage("execv " + file + ": Permission denied");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void unknownUserAndGroupGiveInetdsMessages() {
        CredentialResolver resolver = new CredentialResolver(new SystemUserDatabase());
        assertThatThrownBy(() -> resolver.resolve("no-such-user-jw", Optional.empty()))
                .isInstanceOf(SpawnException.class)
                .hasMessage("getpwnam: no-such-user-jw: No such user");
        assertThatThrownBy(() -> resolver.resolve("nobody", Optional.of("no-such-group-jw")))
                .isInstanceOf(SpawnException.class)
                .hasMessage("getgrnam: no-such-group-jw: No such group");
    }

    @Test
    void closedClientDoesNotHurtTheServer() throws Exception {
        // The client goes away before the child writes: the child gets EPIPE/SIGPIPE, the JVM nothing.
        try (Loopback conn = Loopback.open()) {
            int fd = descriptors.fd(conn.server());
            conn.client().close();
            CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
            int pid = launcher.spawn(SpawnRequest.of(SH, List.of("sh", "-c", "sleep 0.2; echo x; echo y"), fd, List.of()));
            reaper.watch(pid, exit::complete);
            conn.server().close();
            assertThat(exit.get(10, TimeUnit.SECONDS).raw()).isNotEqualTo(ExitStatus.LOST_STATUS);
        }
    }
}
