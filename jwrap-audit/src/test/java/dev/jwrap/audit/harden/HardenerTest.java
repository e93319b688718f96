package dev.jwrap.audit.harden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.testing.Tree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** harden on prepared trees, compared byte for byte (spec §5.10, §9.4). */
class HardenerTest {

    static final String GOLDEN_INPUT = """
            # small test host
            telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd
            finger\tstream\ttcp\tnowait\tnobody\t/usr/sbin/tcpd\t/usr/sbin/in.fingerd
            chargen\tdgram\tudp\twait\troot\tinternal
            ssh-relay\tstream\ttcp\tnowait\troot\t/usr/local/sbin/relay\trelay
            """;

    static final String GOLDEN_OUTPUT = """
            # small test host
            # disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text
            #telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd
            # disabled by jwrap harden 2026-11-23: finger - Hands attackers a list of valid accounts and habits
            #finger\tstream\ttcp\tnowait\tnobody\t/usr/sbin/tcpd\t/usr/sbin/in.fingerd
            # disabled by jwrap harden 2026-11-23: chargen - Classic amplification and loop source (chargen<->echo)
            #chargen\tdgram\tudp\twait\troot\tinternal
            ssh-relay\tstream\ttcp\tnowait\troot\t/usr/local/sbin/relay\trelay
            """;

    static final String DENY_ADDITION = "# added by jwrap harden 2026-11-23: default deny; allowed clients are in hosts.allow\nALL: ALL\n";
    static final LocalDate DATE = LocalDate.parse("2026-11-23");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Hardener hardener(AdminSession session) {
        out.reset();
        err.reset();
        return new Hardener(KnowledgeBase.builtIn(), session, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    private int harden(boolean dryRun, Set<String> keep, List<String> allowFrom) {
        return hardener(AdminSession.NONE).harden(options(dryRun, keep, allowFrom, List.of()));
    }

    private HardenOptions options(boolean dryRun, Set<String> keep, List<String> allowFrom, List<String> adminNet) {
        return new HardenOptions(dir, dryRun, keep, Set.of(), allowFrom.stream().map(ClientNet::parse).toList(),
                adminNet.stream().map(ClientNet::parse).toList(), false, false, false, false, DATE, 0);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String file(String path) {
        return new String(new Tree(dir).bytes(path), StandardCharsets.ISO_8859_1);
    }

    /** Every file of the tree with its sha256: the whole tree's state. */
    static TreeMap<String, String> snapshot(Path root) throws IOException {
        return dev.jwrap.audit.testing.TreeSnapshot.of(root);
    }

    @Test
    void goldenExample_apply_dryRun_idempotence_undo() throws IOException {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/hosts.deny", "# deny\n");
        TreeMap<String, String> original = snapshot(dir);

        assertThat(harden(true, Set.of(), List.of())).isEqualTo(Hardener.PENDING);
        assertThat(snapshot(dir)).isEqualTo(original);
        assertThat(out()).contains("--- a/etc/inetd.conf\n+++ b/etc/inetd.conf\n@@ -1,5 +1,8 @@\n # small test host\n"
                + "-telnet\tstream", "+# disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text\n",
                "--- a/etc/hosts.deny\n+++ b/etc/hosts.deny\n@@ -1 +1,3 @@\n # deny\n+# added by jwrap harden",
                "reload: kill -HUP $(cat /run/inetd.pid)   # or: systemctl reload inetd");
        assertThat(out()).contains("note: ssh-relay (inetd.conf:5) is not in the knowledge base: left as it is");

        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(file("etc/inetd.conf")).isEqualTo(GOLDEN_OUTPUT);
        assertThat(file("etc/inetd.conf.dist")).isEqualTo(GOLDEN_INPUT);
        assertThat(file("etc/hosts.deny")).isEqualTo("# deny\n" + DENY_ADDITION);
        assertThat(file("etc/hosts.deny.dist")).isEqualTo("# deny\n");
        assertThat(Files.exists(dir.resolve("etc/hosts.allow"))).isFalse();
        assertThat(out()).contains("reload: kill -HUP $(cat /run/inetd.pid)   # or: systemctl reload inetd");

        TreeMap<String, String> hardened = snapshot(dir);
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(out()).contains("nothing to do");
        assertThat(snapshot(dir)).isEqualTo(hardened);

        assertThat(hardener(AdminSession.NONE).undo(dir, false, false)).isEqualTo(Hardener.OK);
        assertThat(file("etc/inetd.conf")).isEqualTo(GOLDEN_INPUT);
        assertThat(file("etc/hosts.deny")).isEqualTo("# deny\n");
        assertThat(file("etc/inetd.conf.dist")).isEqualTo(GOLDEN_INPUT);
        assertThat(hardener(AdminSession.NONE).undo(dir, false, false)).isEqualTo(Hardener.OK);
        assertThat(out()).isEqualTo("nothing to undo\n");
    }

    @Test
    void aTreeWithNothingToDo_isLeftWithoutAJournal() throws IOException {
        new Tree(dir).file("etc/inetd.conf", "#telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\n")
                .file("etc/hosts.deny", "ALL:ALL\n");
        TreeMap<String, String> original = snapshot(dir);
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(out()).contains("nothing to do");
        assertThat(snapshot(dir)).isEqualTo(original);
    }

    @Test
    void undoRemovesAFileThatDidNotExist() throws IOException {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT);
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(file("etc/hosts.deny")).isEqualTo(DENY_ADDITION);
        assertThat(Files.exists(dir.resolve("etc/hosts.deny.dist"))).isFalse();
        assertThat(hardener(AdminSession.NONE).undo(dir, false, true)).isEqualTo(Hardener.OK);
        assertThat(Files.exists(dir.resolve("etc/hosts.deny"))).isFalse();
        assertThat(Files.exists(dir.resolve("etc/inetd.conf.dist"))).as("--purge removes the run's .dist").isFalse();
    }

    @Test
    void anExistingDistIsNeverOverwritten() throws IOException {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/inetd.conf.dist", "# the admin's own original\n");
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(file("etc/inetd.conf.dist")).isEqualTo("# the admin's own original\n");
        assertThat(out()).contains("note: keeping existing inetd.conf.dist from an earlier change");
    }

    @Test
    void keptWrappedTelnetGetsAnAllowRuleForTheAllowedNetwork() throws IOException {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT);
        assertThat(harden(false, Set.of("telnet"), List.of("10.0.0.0/8"))).isEqualTo(Hardener.OK);
        assertThat(file("etc/inetd.conf")).contains("\ntelnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd\n");
        assertThat(file("etc/hosts.allow")).isEqualTo(
                "# added by jwrap harden 2026-11-23: keep telnet reachable from the allowed networks\nin.telnetd: 10.0.0.0/8\n");
        assertThat(out()).contains("note: keeping telnet (--keep)");
    }

    @Test
    void liveSshSessionGetsItsAllowRule_andWithoutOneHardenRefuses() throws IOException {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/hosts.allow", "# allow\n");
        TreeMap<String, String> original = snapshot(dir);
        int refused = hardener(new AdminSession(true, true, null)).harden(options(false, Set.of(), List.of(), List.of()));
        assertThat(refused).isEqualTo(Hardener.ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jwrap harden: would lock out ssh: sshd reads hosts.allow "
                + "and no session address is known; give --admin-net NET or --no-default-deny\n");
        assertThat(snapshot(dir)).isEqualTo(original);

        int status = hardener(new AdminSession(true, true, "198.51.100.7")).harden(options(false, Set.of(), List.of(),
                List.of("2001:db8::/64")));
        assertThat(status).isEqualTo(Hardener.OK);
        assertThat(file("etc/hosts.allow")).isEqualTo("# allow\n"
                + "# added by jwrap harden 2026-11-23: keep ssh reachable from the admin network\n"
                + "sshd: [2001:db8::]/64 198.51.100.7\n");
    }

    @Test
    void anAllowRuleTheTablesAlreadyHaveIsNotAddedTwice() throws IOException {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/hosts.allow", "sshd: 192.0.2.\n");
        assertThat(hardener(AdminSession.NONE).harden(options(false, Set.of(), List.of(), List.of("192.0.2.0/24"))))
                .isEqualTo(Hardener.OK);
        assertThat(file("etc/hosts.allow")).isEqualTo("sshd: 192.0.2.\n");
    }

    @Test
    void crlfAndAMissingFinalNewlineRoundTrip() throws IOException {
        String input = "# crlf host\r\ntelnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\r\n"
                + "echo stream tcp nowait root internal";
        new Tree(dir).file("etc/inetd.conf", input).file("etc/hosts.deny", "ALL: ALL: deny");
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(file("etc/inetd.conf")).isEqualTo("# crlf host\r\n"
                + "# disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text\r\n"
                + "#telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\r\n"
                + "# disabled by jwrap harden 2026-11-23: echo - No purpose beyond debugging\r\n"
                + "#echo stream tcp nowait root internal");
        assertThat(hardener(AdminSession.NONE).undo(dir, false, false)).isEqualTo(Hardener.OK);
        assertThat(file("etc/inetd.conf")).isEqualTo(input);
    }

    @Test
    void continuedEntriesAreCommentedOnEveryLine() throws IOException {
        new Tree(dir).file("etc/inetd.conf", "finger stream tcp nowait nobody\n\t/usr/sbin/tcpd in.fingerd\nx:\n");
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(file("etc/inetd.conf")).startsWith("# disabled by jwrap harden 2026-11-23: finger - Hands attackers a list"
                + " of valid accounts and habits\n#finger stream tcp nowait nobody\n#\t/usr/sbin/tcpd in.fingerd\nx:\n");
    }

    @Test
    void aFileChangedSinceHardenIsLeftAloneByUndo() throws IOException {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/hosts.deny", "");
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        new Tree(dir).file("etc/hosts.deny", "ALL: ALL\n# edited by hand\n");
        assertThat(hardener(AdminSession.NONE).undo(dir, false, false)).isEqualTo(Hardener.PENDING);
        assertThat(file("etc/hosts.deny")).isEqualTo("ALL: ALL\n# edited by hand\n");
        assertThat(file("etc/inetd.conf")).isEqualTo(GOLDEN_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/etc/hosts.deny changed since harden: left alone");
    }

    @Test
    void xinetdBlocksGetDisableYes_andUndoRestoresThem() throws IOException {
        String chargen = "service chargen\n{\n\tid\t\t= chargen-stream\n\ttype\t\t= INTERNAL\n\tdisable\t\t= no\n}\n";
        String telnet = "# default: on\nservice telnet\n{\n\tsocket_type\t= stream\n\tserver\t\t= /usr/sbin/in.telnetd\n}\n";
        String tftp = "service tftp\n{\n\tprotocol = udp\n\tdisable = yes\n}\n";
        new Tree(dir).file("etc/xinetd.d/chargen", chargen).file("etc/xinetd.d/telnet", telnet).file("etc/xinetd.d/tftp", tftp)
                .file("etc/hosts.deny", "ALL: ALL\n");
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(file("etc/xinetd.d/chargen")).isEqualTo("service chargen\n{\n\tid\t\t= chargen-stream\n\ttype\t\t= INTERNAL\n"
                + "\t# disabled by jwrap harden 2026-11-23: chargen-stream - Classic amplification and loop source (chargen<->echo)\n"
                + "#\tdisable\t\t= no\n\tdisable\t\t= yes\n}\n");
        assertThat(file("etc/xinetd.d/telnet")).isEqualTo("# default: on\nservice telnet\n{\n"
                + "\t# disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text\n\tdisable\t\t= yes\n"
                + "\tsocket_type\t= stream\n\tserver\t\t= /usr/sbin/in.telnetd\n}\n");
        assertThat(file("etc/xinetd.d/tftp")).isEqualTo(tftp);
        assertThat(out()).contains("reload: kill -HUP $(pidof xinetd)");
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(out()).contains("nothing to do");
        assertThat(hardener(AdminSession.NONE).undo(dir, false, false)).isEqualTo(Hardener.OK);
        assertThat(file("etc/xinetd.d/chargen")).isEqualTo(chargen);
        assertThat(file("etc/xinetd.d/telnet")).isEqualTo(telnet);
    }

    @Test
    void ownerAndModeArePreserved() throws IOException {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT);
        Path conf = dir.resolve("etc/inetd.conf");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Files.setAttribute(conf, "unix:uid", 12);
            Files.setAttribute(conf, "unix:gid", 34);
        }
        assertThat(harden(false, Set.of(), List.of())).isEqualTo(Hardener.OK);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r-----");
        if (root) {
            assertThat(Files.getAttribute(conf, "unix:uid")).isEqualTo(12);
            assertThat(Files.getAttribute(conf, "unix:gid")).isEqualTo(34);
        }
    }

    private HardenOptions wrapOptions(List<String> allowFrom) {
        return new HardenOptions(dir, false, Set.of(), Set.of(), allowFrom.stream().map(ClientNet::parse).toList(), List.of(),
                false, true, false, false, DATE, 0);
    }

    @Test
    void wrap_putsAKeptServiceBehindOpenBsdsTcpd_keepingItsLineAsAComment() throws IOException {
        String input = "ftp     stream  tcp  nowait  root  /usr/libexec/ftpd  ftpd -US\n"
                + "telnet  stream  tcp  nowait  root  /usr/libexec/telnetd  telnetd\n"
                + "daytime stream  tcp  nowait  root  internal\n";
        new Tree(dir).file("usr/libexec/tcpd", "").file("etc/inetd.conf", input).file("etc/hosts.deny", "ALL: ALL\n");

        assertThat(hardener(AdminSession.NONE).harden(wrapOptions(List.of("10.0.0.0/8")))).as(err.toString()).isEqualTo(Hardener.OK);

        assertThat(file("etc/inetd.conf")).isEqualTo(
                "# wrapped by jwrap harden 2026-11-23: ftp - access now checked against hosts.allow\n"
                + "#ftp     stream  tcp  nowait  root  /usr/libexec/ftpd  ftpd -US\n"
                + "ftp     stream  tcp  nowait  root  /usr/libexec/tcpd  ftpd -US\n"
                + "# disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text\n"
                + "#telnet  stream  tcp  nowait  root  /usr/libexec/telnetd  telnetd\n"
                + "# disabled by jwrap harden 2026-11-23: daytime - Not needed (NTP exists)\n"
                + "#daytime stream  tcp  nowait  root  internal\n");
        assertThat(file("etc/hosts.allow")).isEqualTo(
                "# added by jwrap harden 2026-11-23: keep ftp reachable from the allowed networks\nftpd: 10.0.0.0/8\n");
        TreeMap<String, String> hardened = snapshot(dir);
        assertThat(hardener(AdminSession.NONE).harden(wrapOptions(List.of("10.0.0.0/8")))).isEqualTo(Hardener.OK);
        assertThat(out()).contains("nothing to do");
        assertThat(snapshot(dir)).isEqualTo(hardened);
        assertThat(hardener(AdminSession.NONE).undo(dir, false, false)).isEqualTo(Hardener.OK);
        assertThat(file("etc/inetd.conf")).isEqualTo(input);
    }

    @Test
    void wrap_givesTcpdTheAbsolutePathOfADaemonOutsideItsDirectory() throws IOException {
        String input = "# crlf\r\nssh-relay\tstream\ttcp\tnowait\troot\t/usr/local/sbin/relay\trelay -v\r\n"
                + "bare stream tcp nowait root /usr/sbin/bared";
        new Tree(dir).file("usr/sbin/tcpd", "").file("etc/inetd.conf", input).file("etc/hosts.deny", "ALL: ALL\n");

        assertThat(hardener(AdminSession.NONE).harden(wrapOptions(List.of()))).as(err.toString()).isEqualTo(Hardener.OK);

        assertThat(file("etc/inetd.conf")).isEqualTo("# crlf\r\n"
                + "# wrapped by jwrap harden 2026-11-23: ssh-relay - access now checked against hosts.allow\r\n"
                + "#ssh-relay\tstream\ttcp\tnowait\troot\t/usr/local/sbin/relay\trelay -v\r\n"
                + "ssh-relay\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/local/sbin/relay -v\r\n"
                + "# wrapped by jwrap harden 2026-11-23: bare - access now checked against hosts.allow\r\n"
                + "#bare stream tcp nowait root /usr/sbin/bared\r\n"
                + "bare stream tcp nowait root /usr/sbin/tcpd\t/usr/sbin/bared");
    }

    @Test
    void wrap_withoutTcpdInTheTree_isRefusedWithNothingWritten() throws IOException {
        new Tree(dir).file("etc/inetd.conf", "ftp stream tcp nowait root /usr/libexec/ftpd ftpd\n");
        TreeMap<String, String> original = snapshot(dir);
        assertThat(hardener(AdminSession.NONE).harden(wrapOptions(List.of()))).isEqualTo(Hardener.ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jwrap harden: --wrap: no tcpd at ").hasLineCount(1);
        assertThat(snapshot(dir)).isEqualTo(original);
    }

    @Test
    void reload_isRefusedForATree() throws IOException {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT);
        TreeMap<String, String> original = snapshot(dir);
        HardenOptions reload = new HardenOptions(dir, false, Set.of(), Set.of(), List.of(), List.of(), false, false, true, false, DATE, 0);
        assertThat(hardener(AdminSession.NONE).harden(reload)).isEqualTo(Hardener.ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jwrap harden: --reload signals the super-servers running on this host: not with --root\n");
        assertThat(snapshot(dir)).isEqualTo(original);
    }
}
