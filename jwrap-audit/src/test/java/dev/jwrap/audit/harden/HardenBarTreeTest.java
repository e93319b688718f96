package dev.jwrap.audit.harden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.testing.TreeSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bar scenario of spec §5.9 (checklist items 17–19): an inetd.conf with ten risky services
 * (five internal, four behind tcpd, talk over udp as {@code nobody.tty}) and two comment lines; the
 * exact expected inetd.conf is the golden file {@code harden/bar/inetd.conf.golden}.
 */
class HardenBarTreeTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HardenBarTreeTest.class.getResourceAsStream("/harden/bar/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private Hardener hardener() {
        out.reset();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new Hardener(KnowledgeBase.builtIn(), AdminSession.NONE, print, print, Clock.systemUTC());
    }

    private HardenOptions options(boolean dryRun) {
        return new HardenOptions(dir, dryRun, Set.of(), Set.of(), List.of(), List.of(), false, false, false, false,
                LocalDate.parse("2026-11-23"), 0);
    }

    private byte[] file(String name) throws IOException {
        return Files.readAllBytes(dir.resolve("etc").resolve(name));
    }

    @Test
    void dryRun_apply_again_undo() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        for (String name : List.of("inetd.conf", "hosts.allow", "hosts.deny")) {
            Files.write(dir.resolve("etc").resolve(name), resource(name));
        }
        TreeMap<String, String> original = TreeSnapshot.of(dir);

        assertThat(hardener().harden(options(true))).isEqualTo(Hardener.PENDING);
        assertThat(TreeSnapshot.of(dir)).as("a dry run changes no byte").isEqualTo(original);
        String diff = out.toString(StandardCharsets.UTF_8);
        assertThat(diff).startsWith("--- a/etc/inetd.conf\n+++ b/etc/inetd.conf\n@@ -1,13 +1,23 @@\n")
                .contains("\n-talk\t\tdgram\tudp\twait\tnobody.tty\t/usr/sbin/tcpd\t/usr/sbin/in.talkd\n",
                        "\n+#talk\t\tdgram\tudp\twait\tnobody.tty\t/usr/sbin/tcpd\t/usr/sbin/in.talkd\n",
                        "--- a/etc/hosts.deny\n+++ b/etc/hosts.deny\n");

        assertThat(hardener().harden(options(false))).isEqualTo(Hardener.OK);
        String hardened = new String(file("inetd.conf"), StandardCharsets.ISO_8859_1);
        assertThat(hardened).isEqualTo(new String(resource("inetd.conf.golden"), StandardCharsets.ISO_8859_1));
        assertThat(hardened.lines().filter(l -> l.startsWith("# disabled by jwrap harden 2026-11-23: "))).hasSize(10);
        assertThat(hardened).startsWith("# /etc/inetd.conf: test host\n#:INTERNAL: Internal services\n");
        assertThat(file("inetd.conf.dist")).isEqualTo(resource("inetd.conf"));
        assertThat(new String(file("hosts.deny"), StandardCharsets.ISO_8859_1)).endsWith("\nALL: ALL\n");
        assertThat(file("hosts.allow")).isEqualTo(resource("hosts.allow"));

        TreeMap<String, String> applied = TreeSnapshot.of(dir);
        assertThat(hardener().harden(options(false))).isEqualTo(Hardener.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("nothing to do\n");
        assertThat(TreeSnapshot.of(dir)).isEqualTo(applied);

        assertThat(hardener().undo(dir, false, false)).isEqualTo(Hardener.OK);
        for (String name : List.of("inetd.conf", "hosts.allow", "hosts.deny")) {
            assertThat(file(name)).as(name).isEqualTo(resource(name));
        }
        assertThat(hardener().undo(dir, false, false)).isEqualTo(Hardener.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("nothing to undo\n");
    }
}
