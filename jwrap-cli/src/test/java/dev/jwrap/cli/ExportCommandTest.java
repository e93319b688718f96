package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwrap export}: arguments, output file, exit statuses. The outputs themselves are tested in jwrap-audit. */
class ExportCommandTest {

    @TempDir
    Path dir;

    private CliRun cli;

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(dir.resolve("root/etc/inetd.conf"), "23 stream tcp nowait root /usr/sbin/tcpd in.telnetd\n");
        Files.writeString(dir.resolve("root/etc/hosts.allow"), "in.telnetd: 192.0.2.0/24\nsshd: LOCAL\n");
        Files.writeString(dir.resolve("root/etc/hosts.deny"), "ALL: ALL\n");
        cli = new CliRun(dir);
    }

    @Test
    void writesNftablesToStandardOutput() {
        assertThat(cli.run("export", "nftables", "--root", "root")).isZero();
        assertThat(cli.out()).contains("table inet jwrap {", "tcp dport 23 ip saddr 192.0.2.0/24 accept",
                "tcp dport 23 reject with tcp reset");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void writesPfToAFile() throws IOException {
        assertThat(cli.run("export", "pf", "--root", "root", "-o", "out.pf")).isZero();
        assertThat(cli.out()).isEmpty();
        assertThat(Files.readString(dir.resolve("out.pf"))).contains("pass in quick proto tcp from 192.0.2.0/24 to any port 23");
    }

    @Test
    void portOptionNamesAStandaloneDaemon() {
        assertThat(cli.run("export", "nftables", "--root", "root", "--port", "sshd=tcp/2222", "--drop")).isZero();
        assertThat(cli.out()).contains("sshd: LOCAL", "not translated: LOCAL").contains("tcp dport 23 drop")
                .doesNotContain("2222 drop");
    }

    @Test
    void strictExitsOneWhenARuleCouldNotBeExpressed() {
        assertThat(cli.run("export", "nftables", "--root", "root", "--strict")).isZero();
        assertThat(cli.run("export", "nftables", "--root", "root", "--strict", "--port", "sshd=tcp/22")).isEqualTo(1);
    }

    @Test
    void tableWarningsGoToStandardErrorWithTheirLine() throws IOException {
        Files.writeString(dir.resolve("root/etc/hosts.deny"), "ALL: ALL\nno colon here\n");
        assertThat(cli.run("export", "nftables", "--root", "root")).isZero();
        assertThat(cli.err()).startsWith("jwrap export: ").contains("hosts.deny:2: ");
        assertThat(cli.out()).contains("tcp dport 23 reject with tcp reset");
    }

    @Test
    void badArgumentsGetOneLineAndStatusTwo() {
        assertThat(cli.run("export", "pf", "--root", "nowhere")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("jwrap export: nowhere: not a directory\n");
        assertThat(cli.run("export", "iptables", "--root", "root")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("jwrap export: iptables: unknown format (nftables or pf)\n");
        assertThat(cli.run("export", "pf", "--root", "root", "--port", "sshd=tcp/x")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("jwrap export: --port sshd=tcp/x: port is not a number\n");
        assertThat(cli.run("export", "pf", "--root", "root", "-o", "missing/dir/out.pf")).isEqualTo(2);
        assertThat(cli.err()).startsWith("jwrap export: missing/dir/out.pf: cannot write").doesNotContain("\tat ");
    }
}
