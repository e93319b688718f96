package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

    private CliRun cli;

    private int run(String... args) {
        if (cli == null) {
            cli = new CliRun(dir);
        }
        return cli.run(args);
    }

    @Test
    void dryRun_apply_audit_undo() throws IOException {
        Files.createDirectories(dir.resolve("tree/etc"));
        Files.writeString(dir.resolve("tree/etc/inetd.conf"), INPUT);
        Files.writeString(dir.resolve("tree/etc/hosts.allow"), "");
        Files.writeString(dir.resolve("tree/etc/hosts.deny"), "");

        assertThat(run("audit", "--root", "tree")).isEqualTo(1);
        assertThat(run("harden", "--root", "tree", "--dry-run", "--now", "2026-11-23")).isEqualTo(1);
        assertThat(cli.out()).contains("+++ b/etc/inetd.conf", "+ALL: ALL");
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);

        assertThat(run("harden", "--root", "tree", "--now", "2026-11-23")).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf")))
                .contains("# disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text\n#telnet");
        assertThat(run("audit", "--root", "tree")).as(cli.out()).isEqualTo(0);

        assertThat(run("harden", "--root", "tree", "--undo")).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);
    }

    @Test
    void badArguments_areOneLineAndExitTwo() {
        assertThat(run("harden", "--root", ".", "--allow-from", "example.com")).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("jwrap harden: --allow-from: not a numeric address or network: example.com\n");
        assertThat(run("harden", "--root", ".", "--now", "23.11.2026")).isEqualTo(2);
        assertThat(run("harden", "--root", "missing")).isEqualTo(2);
        assertThat(cli.err()).endsWith("missing: no such directory\n");
    }
}
