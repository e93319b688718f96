package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.cli.testing.HostTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers of the packaged jar, {@code ./jwrap-tcpd} and {@code ./jwrap tcpd}, with a real
 * connection on fd 0: socat accepts one connection and execs the launcher in its own process
 * ({@code nofork}), as inetd would. The daemon must then run with socat's pid (launcher, JVM and
 * daemon all exec'd in turn) and answer the client; a refused client gets nothing. The comparison
 * with the real tcpd under a real inetd is jwrap-proxy's TcpdUnderInetdIT.
 */
class TcpdLauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        HostTools.require("socat", "socat");
    }

    @Test
    void jwrapTcpd_grants_andBecomesTheDaemon() throws Exception {
        Served served = serve("ALL: 127.0.0.1\n", ROOT.resolve("jwrap-tcpd").toString());
        assertThat(served.output()).contains("args=one two");
        assertThat(pidIn(served.output())).isEqualTo(served.pid());
    }

    /** Without libjwrap.so the wrapper takes its FFM bindings: same socket, same exec in place. */
    @Test
    void jwrapTcpd_withoutItsJniLibrary_grantsThroughFfm() throws Exception {
        Served served = serve("ALL: 127.0.0.1\n", ROOT.resolve("jwrap-tcpd").toString(),
                Map.of("JWRAP_JAVA_OPTS", "-Djwrap.native.library=none"));
        assertThat(served.output()).contains("args=one two");
        assertThat(pidIn(served.output())).isEqualTo(served.pid());
    }

    @Test
    void jwrapTcpdSubcommand_grants_andBecomesTheDaemon() throws Exception {
        Served served = serve("ALL: 127.0.0.1\n", ROOT.resolve("jwrap") + " tcpd");
        assertThat(pidIn(served.output())).isEqualTo(served.pid());
    }

    @Test
    void jwrapTcpd_refuses_withoutABye() throws Exception {
        Served served = serve("ALL: 192.0.2.1\n", ROOT.resolve("jwrap-tcpd").toString());
        assertThat(served.output()).isEmpty();
    }

    record Served(String output, long pid) {}

    private Served serve(String allow, String launcher) throws Exception {
        return serve(allow, launcher, Map.of());
    }

    private Served serve(String allow, String launcher, Map<String, String> environment) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        Path probe = dir.resolve("probe");
        Files.writeString(probe, "#!/bin/sh\necho \"pid=$$ args=$*\"\n");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        // below the ephemeral range: no outgoing connection can take it before socat binds it
        int port = dev.jwrap.host.access.TestPorts.freePort();
        String exec = launcher + " --allow " + dir.resolve("hosts.allow") + " --deny " + dir.resolve("hosts.deny")
                + " --refusal-delay 0 " + probe + " one two";
        ProcessBuilder builder = new ProcessBuilder("socat", "TCP4-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr",
                "EXEC:" + exec + ",nofork");
        builder.environment().putAll(environment);
        Process socat = builder
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.out").toFile())
                .start();
        try {
            try (Socket client = connect(port, socat)) {
                client.setSoTimeout(30_000);
                String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                return new Served(output, socat.pid());
            }
        } finally {
            socat.destroy();
            if (!socat.waitFor(10, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        }
    }

    private static Socket connect(int port, Process socat) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return s;
            } catch (IOException notYet) {
                s.close();
                if (!socat.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("socat does not listen on " + port, notYet);
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll interval, not a synchronisation
            }
        }
    }

    private static long pidIn(String output) {
        Matcher m = Pattern.compile("pid=(\\d+)").matcher(output);
        assertThat(m.find()).as("a pid in %s", output).isTrue();
        return Long.parseLong(m.group(1));
    }
}
