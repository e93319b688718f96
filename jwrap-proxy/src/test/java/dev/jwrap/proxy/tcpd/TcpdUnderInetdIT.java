package dev.jwrap.proxy.tcpd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.host.log.UnixDatagramReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jwrap tcpd against the real tcpd, both started by the real openbsd-inetd for the same tables:
 * for every case a pair of inetd entries, one running /usr/sbin/tcpd and one running the jwrap
 * wrapper, in front of the same probe daemon (a perl script reporting its pid, parent, uid,
 * umask, its open descriptors, arguments and environment). Each case's client sees the same bytes,
 * and the wrapper logs the same syslog lines, from both; granted daemons run with the pid inetd
 * started and inetd as their parent (exec, not a child). All cases run at once, so the refused
 * ones cost tcpd's 5 seconds once, not per case.
 */
class TcpdUnderInetdIT {

    /** A client address of its own, so that strangers probing loopback ports cannot mix in. */
    private static final String CLIENT4 = "127.0.0.7";
    private static final Duration CLIENT_DEADLINE = Duration.ofSeconds(30);
    private static final Pattern SYSLOG = Pattern.compile(
            "<(\\d+)>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d ([^\\[]+)\\[(\\d+)]: (.*)", Pattern.DOTALL);

    /**
     * TCP46: an IPv6 socket that takes IPv4 clients too, who arrive as ::ffff:a.b.c.d (v4-mapped).
     * ROUTED4: TCP over IPv4 through a router, from a python client that sets IP options on its
     * socket (Java cannot), to a second inetd in a network of its own ({@link PrivateInetd#startRouted}).
     */
    enum Transport { TCP4, TCP6, TCP46, UDP4, ROUTED4 }

    /**
     * One case: the rule that names its two daemons (null: none, the deny table refuses), and for
     * ROUTED4 the IP options the client sets, in hex.
     */
    record Case(String name, Transport transport, String rule, String ipOptions) {
        Case(String name, Transport transport, String rule) {
            this(name, transport, rule, null);
        }
    }

    private static final String ROUTED_CLIENT = PrivateInetd.ROUTED_CLIENT;
    /**
     * Once a wrapper has cleared the options of a source-routed connection, Linux keeps sending it
     * to the first hop's address (the socket's cached route and addresses), which the router
     * answers with resets, until retransmission timeouts make it route afresh: 13 s on a quiet
     * machine, for tcpd as for jwrap. The routed clients get room for that.
     */
    private static final Duration ROUTED_DEADLINE = Duration.ofSeconds(90);
    /** Record route, two empty slots: the router and the server fill them in, the server echoes it. */
    private static final String RECORD_ROUTE = "070b04" + "00000000" + "00000000" + "00";
    /** Loose source route through the router: first hop 10.99.2.1, the last slot becomes the server. */
    private static final String LSRR = "830b04" + "0a630201" + "0a630101" + "00";
    /** A full timestamp option (4 bytes) before the source route, which puts it where tcpd looks. */
    private static final String TIMESTAMP_THEN_LSRR = "44040500" + LSRR;

    /** What one client saw, and the log lines of one wrapper run. */
    record Run(String output, Duration elapsed) {}

    record LogLine(int priority, long pid, String message) {}

    private static final List<Case> CASES = List.of(
            new Case("grant", Transport.TCP4, CLIENT4),
            new Case("deny", Transport.TCP4, null),
            new Case("banner", Transport.TCP4, CLIENT4 + " : banners @DIR@/banners"),
            new Case("denybanner", Transport.TCP4, CLIENT4 + " : banners @DIR@/banners : deny"),
            new Case("twist", Transport.TCP4, CLIENT4 + " : twist /bin/echo twisted %d from %a port %R"),
            new Case("setenv", Transport.TCP4, CLIENT4 + " : setenv PROBE_VAR v-%d : umask 077 : keepalive"),
            new Case("severity", Transport.TCP4, CLIENT4 + " : severity local3.notice"),
            new Case("nice", Transport.TCP4, CLIENT4 + " : nice 5 : linger 3"),
            new Case("ident", Transport.TCP4, CLIENT4 + " : rfc931 2 : setenv PROBE_VAR %u"),
            new Case("badoption", Transport.TCP4, CLIENT4 + " : nosuchoption"),
            // the spawned shell sends itself SIGHUP: it survives only when the wrapper ignored the signal for it
            new Case("spawnhup", Transport.TCP4, CLIENT4 + " : spawn kill -HUP $$; echo survived > @DIR@/%d.hup"),
            new Case("grant6", Transport.TCP6, "[::1]"),
            new Case("deny6", Transport.TCP6, null),
            // an IPv4 pattern matches the v4-mapped client; %a and %c show what each wrapper makes of it
            new Case("mapped", Transport.TCP46, CLIENT4),
            new Case("mappedtwist", Transport.TCP46, CLIENT4 + " : twist /bin/echo mapped %a %c %h"),
            new Case("mappeddeny", Transport.TCP46, null),
            new Case("grantudp", Transport.UDP4, CLIENT4),
            new Case("denyudp", Transport.UDP4, null),
            // KILL_IP_OPTIONS: options logged in hex and removed, then the check as usual
            new Case("optrr", Transport.ROUTED4, ROUTED_CLIENT, RECORD_ROUTE),
            new Case("optrrdeny", Transport.ROUTED4, null, RECORD_ROUTE),
            // a source route that is the first option: Linux returns no first-hop address, and tcpd
            // (and so jwrap) starts looking 4 bytes in, past it: only "ignored"
            new Case("optlsrr", Transport.ROUTED4, ROUTED_CLIENT, LSRR),
            // one tcpd sees: refused, shut down both ways, and the wrapper carries on to the daemon
            new Case("optroute", Transport.ROUTED4, ROUTED_CLIENT, TIMESTAMP_THEN_LSRR));

    @TempDir
    static Path dir;

    private static PrivateInetd inetd;
    private static PrivateInetd routedInetd;
    private static UnixDatagramReceiver syslog;
    private static final Map<String, Integer> ports = new LinkedHashMap<>();
    private static final Map<String, Run> runs = new LinkedHashMap<>();
    private static final Map<String, List<LogLine>> logs = new LinkedHashMap<>();

    @BeforeAll
    static void runEveryCaseThroughBothWrappers() throws Throwable {
        PrivateInetd.requireRoutedAvailable();
        writeFixtures();
        syslog = new UnixDatagramReceiver(dir.resolve("log.sock"));
        StringBuilder conf = new StringBuilder();
        StringBuilder routedConf = new StringBuilder();
        for (Case c : CASES) {
            for (String impl : List.of("c", "j")) {
                String daemon = impl + "-" + c.name();
                int port = freePort(c.transport());
                ports.put(daemon, port);
                (c.transport() == Transport.ROUTED4 ? routedConf : conf)
                        .append(inetdLine(c.transport(), port, daemon)).append('\n');
            }
        }
        int dummy = freePort(Transport.UDP4);
        String dummyLine = "127.0.0.1:" + dummy + " dgram udp4 wait root /bin/true true\n";
        inetd = PrivateInetd.start(dir, conf.append(dummyLine).toString());
        routedInetd = PrivateInetd.startRouted(dir, "routed-inetd", routedConf.append(dummyLine).toString());
        try {
            inetd.awaitListening(dummy);
            routedInetd.awaitListening(dummy);
        } catch (IllegalStateException e) {
            while (syslog.receive(Duration.ofMillis(200)).map(d -> { record(d); return d; }).isPresent()) {
                // read what inetd said about its entries
            }
            throw new IllegalStateException(e.getMessage() + "\nsyslog: " + logs, e);
        }

        AtomicBoolean clientsDone = new AtomicBoolean();
        Thread drain = drainSyslog(clientsDone);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<Run>> pending = new LinkedHashMap<>();
            for (Case c : CASES) {
                for (String impl : List.of("c", "j")) {
                    String daemon = impl + "-" + c.name();
                    pending.put(daemon, clients.submit(() -> client(c, ports.get(daemon))));
                }
            }
            for (Map.Entry<String, Future<Run>> e : pending.entrySet()) {
                runs.put(e.getKey(), e.getValue().get());
            }
        }
        clientsDone.set(true);
        drain.join();
        System.out.println("runs: " + runs + "\nsyslog: " + logs);
    }

    @AfterAll
    static void stop() throws Exception {
        if (inetd != null) {
            inetd.close();
        }
        if (routedInetd != null) {
            routedInetd.close();
        }
        if (syslog != null) {
            syslog.close();
        }
    }

    @Test
    void everyClient_seesTheSameFromJwrapAsFromTcpd() {
        for (Case c : CASES) {
            assertThat(normalized(runs.get("j-" + c.name()).output()))
                    .as("client output, case %s", c.name())
                    .isEqualTo(normalized(runs.get("c-" + c.name()).output()));
        }
    }

    @Test
    void everyCase_logsTheSameLinesFromJwrapAsFromTcpd() {
        for (Case c : CASES) {
            assertThat(logText("j-" + c.name())).as("syslog, case %s", c.name())
                    .isNotEmpty()
                    .isEqualTo(logText("c-" + c.name()));
        }
    }

    /** tcpd's shell_cmd ignores SIGHUP for a spawned command; so must jwrap's (issue 5). */
    @Test
    void spawnedCommands_ignoreSighup_asUnderTcpd() throws IOException {
        for (String impl : List.of("c", "j")) {
            Path mark = dir.resolve(impl + "-spawnhup.hup");
            assertThat(mark).as("%s: the spawned shell outlived its SIGHUP", impl).exists();
            assertThat(Files.readString(mark)).isEqualTo("survived\n");
        }
    }

    @Test
    void grantedDaemons_runWithThePidInetdStarted_asItsChildren() {
        for (String impl : List.of("c", "j")) {
            for (String name : List.of("grant", "banner", "setenv", "severity", "nice", "ident", "grant6", "grantudp")) {
                String daemon = impl + "-" + name;
                String output = runs.get(daemon).output();
                assertThat(field(output, "ppid")).as("%s parent", daemon).isEqualTo(inetd.pid());
                List<Long> connectPids = logs.getOrDefault(daemon, List.of()).stream()
                        .filter(l -> l.message().startsWith("connect from "))
                        .map(LogLine::pid)
                        .toList();
                assertThat(connectPids).as("%s: the wrapper that logged is the daemon", daemon)
                        .contains(field(output, "pid"));
            }
        }
    }

    @Test
    void grantedDaemons_inheritNoDescriptorBut012() {
        String output = runs.get("j-grant").output();
        // 3 is the probe's own directory handle on /proc/self/fd
        assertThat(output).contains("fds=0,1,2,3 ");
        // and exactly tcpd's environment: inetd's, nothing the launcher or the JVM added
        assertThat(normalized(output).replaceAll(".*env=", ""))
                .isEqualTo(normalized(runs.get("c-grant").output()).replaceAll(".*env=", ""));
    }

    @Test
    void refusedClients_waitTcpdsFiveSecondsForTheClose() {
        for (String name : List.of("deny", "denybanner", "badoption", "deny6", "optrrdeny")) {
            assertThat(runs.get("j-" + name).elapsed()).as(name).isGreaterThanOrEqualTo(Duration.ofMillis(4900));
            assertThat(runs.get("j-" + name).output()).as(name).doesNotContain("pid=");
        }
    }

    @Test
    void optionsReachTheDaemon() {
        String output = normalized(runs.get("j-setenv").output());
        assertThat(output).contains("umask=0077").contains("var=v-setenv");
        assertThat(runs.get("j-nice").output()).contains("nice=5 ");
        // nobody answers ident on 127.0.0.7:113: the user is unknown, as for tcpd
        assertThat(runs.get("j-ident").output()).contains("var=unknown ");
        assertThat(normalized(runs.get("j-banner").output())).startsWith("Welcome banner at " + CLIENT4 + "\r\n");
        assertThat(normalized(runs.get("j-twist").output())).startsWith("twisted twist from " + CLIENT4 + " port ");
    }

    /**
     * The real tcpd's IP-options lines, which jwrap's must equal (the test above): the echoed
     * record route holds the router's and the server's addresses; only the timestamp-first
     * source route is refused, and that client then sees its connection closed without data.
     */
    @Test
    void ipOptions_areLoggedCleared_orRefused_asByTcpd() {
        assertThat(logText("c-optrr")).contains("<29> connect from " + ROUTED_CLIENT
                + " with IP options (ignored): 07 0b 0c 0a 63 02 02 0a 63 01 02 00");
        assertThat(logText("c-optlsrr")).contains("<29> connect from " + ROUTED_CLIENT
                + " with IP options (ignored): 83 07 04 0a 63 01 02 00");
        assertThat(logText("c-optroute"))
                .contains("<28> refused connect from " + ROUTED_CLIENT + " with IP source routing options")
                .noneMatch(line -> line.contains("IP options (ignored)"));
        for (String impl : List.of("c", "j")) {
            assertThat(runs.get(impl + "-optrr").output()).as(impl).contains("args=one two");
            assertThat(runs.get(impl + "-optlsrr").output()).as(impl).contains("args=one two");
            assertThat(runs.get(impl + "-optroute").output()).as(impl + ": shut down before the daemon").isEmpty();
        }
        assertThat(logText("j-optrrdeny")).anyMatch(line -> line.startsWith("<28> refused connect from " + ROUTED_CLIENT));
    }

    private static void writeFixtures() throws IOException {
        Path probe = dir.resolve("probe");
        Files.writeString(probe, """
                #!/usr/bin/perl
                open(my $s, "+<&=", 0) or die "fd 0: $!";
                opendir(my $d, "/proc/self/fd") or die;
                my @fds = sort { $a <=> $b } grep { /^\\d+$/ } readdir($d);
                closedir($d);
                my $info = sprintf("pid=%d ppid=%d uid=%d umask=%04o nice=%d var=%s fds=%s args=%s env=%s\\n", $$,
                    getppid(), $<, umask, getpriority(0, 0), $ENV{PROBE_VAR} // "-", join(",", @fds), join(" ", @ARGV),
                    join(",", map { "$_=$ENV{$_}" } sort keys %ENV));
                if (getpeername($s)) {
                    syswrite($s, $info);
                } else {
                    my $from = recv($s, my $got, 2048, 0);
                    send($s, $info . "got=$got\\n", 0, $from);
                }
                """);
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("ipclient.py"), """
                import socket, sys
                host, port, options = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3])
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, options)
                s.settimeout(int(sys.argv[4]))
                s.connect((host, port))
                got = bytearray()
                try:
                    while True:
                        data = s.recv(4096)
                        if not data:
                            break
                        got += data
                except socket.timeout:
                    got += b"<no close within the deadline>"
                except ConnectionResetError:
                    got += b"<reset>"
                sys.stdout.buffer.write(bytes(got))
                """);
        Files.createDirectories(dir.resolve("banners"));
        StringBuilder allow = new StringBuilder();
        for (Case c : CASES) {
            for (String impl : List.of("c", "j")) {
                Files.createSymbolicLink(dir.resolve(impl + "-" + c.name()), probe);
                Files.writeString(dir.resolve("banners").resolve(impl + "-" + c.name()), "Welcome %d at %a\n");
            }
            if (c.rule() != null) {
                allow.append("c-").append(c.name()).append(" j-").append(c.name()).append(" : ")
                        .append(c.rule().replace("@DIR@", dir.toString())).append('\n');
            }
        }
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        Path wrapper = dir.resolve("jwrap-tcpd");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // like ../jwrap-tcpd: the shell's own PWD must not reach the daemon
        Files.writeString(wrapper, "#!/bin/sh\nunset PWD\nexec " + java + " --enable-native-access=ALL-UNNAMED"
                + " -Djava.net.preferIPv6Addresses=system -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + " -XX:-PrintWarnings -Xlog:disable -Xlog:all=off"
                + " -cp '" + System.getProperty("java.class.path") + "' " + TcpdTestMain.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** tcpd gets the daemon as argv[0]; the jwrap script loses argv[0] and takes the next word. */
    private static String inetdLine(Transport t, int port, String daemon) {
        String address = switch (t) {
            case TCP4 -> "127.0.0.1:" + port + " stream tcp4 nowait";
            case TCP6 -> "[::1]:" + port + " stream tcp6 nowait";
            case TCP46 -> "[::ffff:127.0.0.1]:" + port + " stream tcp46 nowait";
            case UDP4 -> "127.0.0.1:" + port + " dgram udp4 wait";
            case ROUTED4 -> PrivateInetd.ROUTED_SERVER + ":" + port + " stream tcp4 nowait";
        };
        String program = daemon.startsWith("c-")
                ? "/usr/sbin/tcpd " + dir.resolve(daemon)
                : dir.resolve("jwrap-tcpd") + " jwrap-tcpd " + dir.resolve(daemon);
        return address + " root " + program + " one two";
    }

    private static Run client(Case c, int port) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String output = switch (c.transport()) {
            case UDP4 -> udpClient(port);
            case ROUTED4 -> routedClient(port, c.ipOptions());
            default -> tcpClient(c.transport(), port);
        };
        return new Run(output, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The python client in the routed network's client namespace: what it read, bounded in time. */
    private static String routedClient(int port, String ipOptions) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(routedInetd.inClientNamespace(List.of("/usr/bin/python3",
                dir.resolve("ipclient.py").toString(), PrivateInetd.ROUTED_SERVER, Integer.toString(port), ipOptions,
                Long.toString(ROUTED_DEADLINE.toSeconds()))))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] output = p.getInputStream().readAllBytes(); // ends when the client exits: its own deadline
        if (!p.waitFor(ROUTED_DEADLINE.toSeconds() + 10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "<client did not exit>";
        }
        return p.exitValue() == 0 ? new String(output, StandardCharsets.ISO_8859_1) : "<client failed " + p.exitValue() + ">";
    }

    private static String tcpClient(Transport t, int port) throws IOException {
        try (Socket s = new Socket()) {
            InetAddress server = InetAddress.getByName(t == Transport.TCP6 ? "::1" : "127.0.0.1");
            s.bind(new InetSocketAddress(t == Transport.TCP6 ? server : InetAddress.getByName(CLIENT4), 0));
            s.connect(new InetSocketAddress(server, port), 5000);
            s.setSoTimeout((int) CLIENT_DEADLINE.toMillis());
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    got.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                got.writeBytes("<no close within the deadline>".getBytes(StandardCharsets.US_ASCII));
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** A granted datagram gets the probe's answer; a refused one none, within tcpd's delay and more. */
    private static String udpClient(int port) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(CLIENT4, 0))) {
            byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(ping, ping.length, new InetSocketAddress("127.0.0.1", port)));
            s.setSoTimeout(12_000);
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            try {
                s.receive(reply);
                return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException refused) {
                return "";
            }
        }
    }

    /**
     * Drains the log while the clients run: the socket queues only a few datagrams
     * (net.unix.max_dgram_qlen), and jwrap's logger drops a line rather than block on a full log.
     * Ends once the clients are done and the log has been quiet for two seconds (bounded).
     */
    private static Thread drainSyslog(AtomicBoolean clientsDone) {
        return Thread.ofPlatform().daemon().start(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Optional<String> datagram;
                try {
                    datagram = syslog.receive(Duration.ofMillis(200));
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
                if (datagram.isPresent()) {
                    quietSince = System.nanoTime();
                    record(datagram.get());
                } else if (clientsDone.get() && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
                    return;
                }
            }
        });
    }

    private static void record(String datagram) {
        Matcher m = SYSLOG.matcher(datagram);
        if (m.matches()) {
            synchronized (logs) {
                logs.computeIfAbsent(m.group(2), k -> new ArrayList<>())
                        .add(new LogLine(Integer.parseInt(m.group(1)), Long.parseLong(m.group(3)), m.group(4)));
            }
        }
    }

    /**
     * The distinct lines of one wrapper, priority and text, with the daemon names made alike. Lines
     * of wrapper processes that never name one of the test's clients (127.0.0.7, ::1, 10.99.2.2) were started
     * by a stranger's connection to the port, and are left out.
     */
    private static TreeSet<String> logText(String daemon) {
        Map<Long, List<LogLine>> byProcess = new LinkedHashMap<>();
        for (LogLine l : logs.getOrDefault(daemon, List.of())) {
            byProcess.computeIfAbsent(l.pid(), k -> new ArrayList<>()).add(l);
        }
        TreeSet<String> lines = new TreeSet<>();
        for (List<LogLine> process : byProcess.values()) {
            if (process.stream().anyMatch(l -> l.message().contains(CLIENT4) || l.message().contains("::1")
                    || l.message().contains(ROUTED_CLIENT))) {
                process.forEach(l -> lines.add("<" + l.priority() + "> " + normalized(l.message())));
            }
        }
        return lines;
    }

    /** Makes two runs comparable: c-/j- daemon names, pids, ports and the scratch directory. */
    private static String normalized(String text) {
        return text.replace(dir.toString(), "DIR")
                .replaceAll("\\b[cj]-(\\w+)", "$1")
                .replaceAll("\\b(pid|ppid)=\\d+", "$1=N")
                .replaceAll("port \\d+", "port P");
    }

    private static long field(String output, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=(\\d+)").matcher(output);
        assertThat(m.find()).as("%s in %s", name, output).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int freePort(Transport t) throws IOException {
        return dev.jwrap.host.access.TestPorts.freePort(); // free for TCP and UDP, v4 and v6
    }
}
