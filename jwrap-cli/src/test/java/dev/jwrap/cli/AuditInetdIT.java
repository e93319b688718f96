package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.cli.testing.SchemaSubset;
import dev.jwrap.core.testing.Prerequisites;
import dev.jwrap.host.access.TestPorts;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real openbsd-inetd, and then a jwrap inetd, started by the test on a loopback port, seen by
 * {@code jwrap audit} (spec §9.1 item 6): its listener is reported {@code via: inetd} with the
 * service name of its configuration. openbsd-inetd runs in a private mount namespace
 * ({@code unshare -m}) where the test's services file is bound over /etc/services, jwrap inetd gets
 * it with {@code --services}, so the built-in echo listens on a port the test chose; the audited
 * tree has the same inetd.conf and services and links the host's /proc. Needs root and unshare (and
 * openbsd-inetd for its case): skipped without them, failed under {@code CI=true}.
 */
class AuditInetdIT {

    private static final Path UNSHARE = Path.of("/usr/bin/unshare");
    private static final Path INETD = Path.of("/usr/sbin/inetd");
    private static final long DEADLINE_NANOS = 20_000_000_000L;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTools() {
        Prerequisites.of("audit of a running inetd")
                .root("inetd and mount namespaces need root")
                .executable(UNSHARE, "util-linux")
                .require();
    }

    /** The audited tree: the inetd.conf and services the server runs with, and the host's /proc. */
    private Path tree(int port) throws java.io.IOException {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(tree.resolve("etc/services"), "echo\t\t" + port + "/tcp\n");
        Files.writeString(tree.resolve("etc/inetd.conf"), "127.0.0.1:echo\tstream\ttcp\tnowait\troot\tinternal\n");
        Files.writeString(tree.resolve("etc/hosts.allow"), "");
        Files.writeString(tree.resolve("etc/hosts.deny"), "ALL: ALL\n");
        Files.createSymbolicLink(tree.resolve("proc"), Path.of("/proc"));
        return tree;
    }

    @Test
    void openbsdInetdsListenerIsAttributedToTheConfiguredService() throws Exception {
        Prerequisites.of("audit of a running openbsd-inetd").executable(INETD, "apt-get install openbsd-inetd").require();
        int port = TestPorts.freePort();
        Path tree = tree(port);
        Process inetd = new ProcessBuilder(UNSHARE.toString(), "-m", "sh", "-c",
                "mount --bind \"$1\" /etc/services && exec \"$2\" -i \"$3\"", "sh", tree.resolve("etc/services").toString(),
                INETD.toString(), tree.resolve("etc/inetd.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(new File("/dev/null"))
                .start();
        try {
            awaitListening(inetd::isAlive, port);
            assertAttributed(port, inetd.pid(), "inetd");
        } finally {
            inetd.destroy();
            inetd.waitFor();
        }
    }

    @Test
    void jwrapInetdsListenerIsAttributedToTheConfiguredService() throws Exception {
        int port = TestPorts.freePort();
        Path tree = tree(port);
        try (InetdProcess inetd = InetdProcess.start(dir, List.of(), "-i", "--services", tree.resolve("etc/services").toString(),
                tree.resolve("etc/inetd.conf").toString())) {
            awaitListening(() -> true, port);
            assertAttributed(port, inetd.pid(), "java");
            assertThat(inetd.terminate()).isZero();
        }
    }

    private void assertAttributed(int port, long pid, String comm) throws Exception {
        CliRun cli = new CliRun(dir);
        int exit = cli.run("audit", "--root", "tree", "--format", "json", "--no-timestamp");
        assertThat(exit).as(cli.err()).isEqualTo(1); // echo is a risky service
        JsonMapper json = JsonMapper.builder().build();
        JsonNode doc = json.readTree(cli.out());
        assertThat(SchemaSubset.violations(json.readTree(Files.readString(Path.of("../docs/audit.schema.json"))), doc)).isEmpty();

        JsonNode listener = null;
        for (JsonNode l : doc.get("listeners")) {
            if (l.get("port").asInt() == port && l.get("proto").asString().equals("tcp")) {
                listener = l;
            }
        }
        assertThat(listener).as("a listener on port %d in %s", port, cli.out()).isNotNull();
        assertThat(listener.get("address").asString()).isEqualTo("127.0.0.1");
        assertThat(listener.at("/owner/pid").asLong()).isEqualTo(pid);
        assertThat(listener.at("/owner/comm").asString()).isEqualTo(comm);
        assertThat(listener.get("via").asString()).isEqualTo("inetd");
        assertThat(listener.at("/service/name").asString()).isEqualTo("echo");
        String id = listener.get("id").asString();
        JsonNode service = null;
        for (JsonNode s : doc.get("services")) {
            if (id.equals(s.get("listener").asString(null))) {
                service = s;
            }
        }
        assertThat(service).as("the service of listener %s", id).isNotNull();
        assertThat(service.get("name").asString()).isEqualTo("echo");
        assertThat(service.get("line").asInt()).isEqualTo(1);
        assertThat(service.get("port").asInt()).isEqualTo(port);
    }

    /** Polls with a deadline until a connection to the port succeeds. */
    private static void awaitListening(java.util.function.BooleanSupplier alive, int port) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < DEADLINE_NANOS) {
            assertThat(alive.getAsBoolean()).as("inetd still running").isTrue();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port), 1000);
                return;
            } catch (java.io.IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("inetd did not listen on port " + port + " within 20 s");
    }

}
