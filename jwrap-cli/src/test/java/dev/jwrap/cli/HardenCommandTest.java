package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwrap harden} end to end on a prepared tree, then {@code jwrap audit} of the result. */
class HardenCommandTest {

    private static final String INPUT = "# small test host\n"
            + "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd\n"
            + "chargen\tdgram\tudp\twait\troot\tinternal\n";

    @TempDir
    Path dir;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return Jwrap.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void dryRun_apply_audit_undo() throws IOException {
        Files.createDirectories(dir.resolve("tree/etc"));
        Files.writeString(dir.resolve("tree/etc/inetd.conf"), INPUT);
        Files.writeString(dir.resolve("tree/etc/hosts.allow"), "");
        Files.writeString(dir.resolve("tree/etc/hosts.deny"), "");

        assertThat(run("audit", "--root", "tree")).isEqualTo(1);
        assertThat(run("harden", "--root", "tree", "--dry-run", "--now", "2026-11-23")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("+++ b/etc/inetd.conf", "+ALL: ALL");
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);

        assertThat(run("harden", "--root", "tree", "--now", "2026-11-23")).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf")))
                .contains("# disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text\n#telnet");
        assertThat(run("audit", "--root", "tree")).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(0);

        assertThat(run("harden", "--root", "tree", "--undo")).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);
    }

    @Test
    void badArguments_areOneLineAndExitTwo() {
        assertThat(run("harden", "--root", ".", "--allow-from", "example.com")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("jwrap harden: --allow-from: not a numeric address or network: example.com\n");
        assertThat(run("harden", "--root", ".", "--now", "23.11.2026")).isEqualTo(2);
        assertThat(run("harden", "--root", "missing")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("missing: no such directory\n");
    }
}
