package dev.jwrap.audit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inventory read by an unprivileged user (spec §9.1 item 3): its own 25 listeners have their
 * owner; a listener of root (this test, run as root) has none, for lack of permission, with uid 0,
 * and the inventory says so in one limitation. The child runs as nobody through setpriv. Needs root
 * and setpriv: skipped without them, failed under {@code CI=true}.
 */
class UnprivilegedInventoryIT {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final String NOBODY = "65534";

    @BeforeAll
    static void requireRoot() {
        Prerequisites.of("inventory as nobody")
                .root("cannot start a process as nobody")
                .executable(SETPRIV, "util-linux")
                .require();
    }

    @Test
    void ownListenersHaveTheirOwner_rootsHasNoneForLackOfPermission() throws Exception {
        try (ServerSocketChannel rootListener = ServerSocketChannel.open()) {
            rootListener.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
            int port = ((InetSocketAddress) rootListener.getLocalAddress()).getPort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder p = new ProcessBuilder(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--",
                    java, "-XX:-UsePerfData", "-cp", readableClassPath(), UnprivilegedInventoryMain.class.getName(),
                    Integer.toString(port))
                    .redirectErrorStream(true);
            ChildProcess.Outcome run = ChildProcess.run(p, Duration.ofMinutes(1));
            String out = run.stdout();
            assertThat(run.status()).as(out).isZero();
            List<String> lines = out.lines().toList();
            assertThat(lines).as(out).contains("own 25", "root null permission 0");
            assertThat(lines).filteredOn(l -> l.startsWith("limitation ")).singleElement().asString()
                    .matches("limitation \\d+ of \\d+ listeners have an unknown owner: permission denied on .*");
        }
    }

    /**
     * The test class path without what nobody cannot read (root's Maven repository): the inventory
     * needs only jwrap's own classes.
     */
    private static String readableClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.startsWith(System.getProperty("user.home")))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
