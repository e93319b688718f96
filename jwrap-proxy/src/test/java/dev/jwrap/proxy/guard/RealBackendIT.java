package dev.jwrap.proxy.guard;

import static dev.jwrap.proxy.guard.GuardHarness.readToEnd;
import static dev.jwrap.proxy.guard.GuardHarness.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The guard in front of a real program: socat serving {@code cat} on a loopback port. */
class RealBackendIT {

    private static final Path SOCAT = Path.of("/usr/bin/socat");

    @TempDir
    Path dir;

    @Test
    void socatBackendBehindTheGuard() throws Exception {
        requireSocat();
        // below the ephemeral range: no outgoing connection can take it before socat binds it
        int port = dev.jwrap.host.access.TestPorts.freePort();
        Process socat = new ProcessBuilder(SOCAT.toString(), "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "EXEC:/bin/cat").redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        InetSocketAddress backend = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
        try (GuardHarness h = GuardHarness.start(dir, backend, ProxyProtocol.NONE, "", "sshd: 127.0.0.2\n",
                UnaryOperator.identity())) {
            GuardHarness.await("socat listening on " + port, () -> accepts(backend));
            try (Socket allowed = h.connectFrom("127.0.0.1")) {
                assertThat(roundTrip(allowed, "through socat and cat\n")).isEqualTo("through socat and cat\n");
                allowed.shutdownOutput();
                assertThat(readToEnd(allowed)).isEmpty();
            }
            try (Socket denied = h.connectFrom("127.0.0.2")) {
                assertThat(readToEnd(denied)).isEmpty();
            }
            h.awaitLog("refused connect from 127.0.0.2 (127.0.0.2)");
            h.awaitNoConnections();
        } finally {
            socat.destroy();
            socat.waitFor();
        }
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireSocat() {
        if (Files.isExecutable(SOCAT)) {
            return;
        }
        String problem = SOCAT + " is missing (apt-get install socat)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(problem);
        }
        throw new TestAbortedException(problem);
    }

}
