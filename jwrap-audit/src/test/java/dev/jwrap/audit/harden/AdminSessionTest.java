package dev.jwrap.audit.harden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.testing.Tree;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock-out protection's view of the live system (spec §5.6, checklist item 22), read from a
 * prepared /proc: an sshd that maps libwrap, the session address from {@code SSH_CONNECTION},
 * and what harden then writes.
 */
class AdminSessionTest {

    @TempDir
    Path dir;

    private Path proc(String comm, String maps) throws IOException {
        new Tree(dir).file("proc/4242/comm", comm + "\n").file("proc/4242/maps", maps).file("proc/self/comm", "java\n");
        return dir.resolve("proc");
    }

    @Test
    void anSshdMappingLibwrap_andTheSessionFromSshConnection() throws IOException {
        Path proc = proc("sshd", "7f00-7f10 r-xp 00000000 08:01 1 /usr/lib/x86_64-linux-gnu/libwrap.so.0.7.6\n");
        AdminSession s = AdminSession.detect(Map.of("SSH_CONNECTION", "198.51.100.7 51234 192.0.2.10 22"), proc);
        assertThat(s).isEqualTo(new AdminSession(true, true, "198.51.100.7"));
        assertThat(AdminSession.detect(Map.of("SSH_CLIENT", "2001:db8::7 51234 22"), proc).address()).isEqualTo("2001:db8::7");
    }

    @Test
    void anSshdWithoutLibwrap_orAnotherProgramMappingIt_isNotWrapped() throws IOException {
        assertThat(AdminSession.detect(Map.of(), proc("sshd", "7f00-7f10 r-xp 00000000 08:01 1 /usr/lib/libc.so.6\n")))
                .isEqualTo(new AdminSession(true, false, null));
        assertThat(AdminSession.detect(Map.of(), proc("inetd", "7f00-7f10 r-xp 00000000 08:01 1 /usr/lib/libwrap.so.0\n"))
                .sshdWrapped()).isFalse();
    }

    @Test
    void hardenKeepsTheDetectedSessionReachable_andWithoutOneRefuses() throws IOException {
        Path proc = proc("sshd", "7f00-7f10 r-xp 00000000 08:01 1 /usr/lib/x86_64-linux-gnu/libwrap.so.0\n");
        Path root = dir.resolve("root");
        new Tree(root).file("etc/inetd.conf", "telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\n");
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        HardenOptions options = new HardenOptions(root, false, Set.of(), Set.of(), List.of(), List.of(), false, false, false, false,
                LocalDate.parse("2026-11-23"), 0);

        AdminSession none = AdminSession.detect(Map.of(), proc);
        assertThat(new Hardener(KnowledgeBase.builtIn(), none, silent, silent, Clock.systemUTC()).harden(options))
                .isEqualTo(Hardener.ERROR);
        assertThat(Files.exists(root.resolve("etc/hosts.deny"))).isFalse();

        AdminSession session = AdminSession.detect(Map.of("SSH_CONNECTION", "198.51.100.7 51234 192.0.2.10 22"), proc);
        assertThat(new Hardener(KnowledgeBase.builtIn(), session, silent, silent, Clock.systemUTC()).harden(options))
                .isEqualTo(Hardener.OK);
        assertThat(Files.readString(root.resolve("etc/hosts.allow"), StandardCharsets.ISO_8859_1))
                .isEqualTo("# added by jwrap harden 2026-11-23: keep ssh reachable from the admin network\nsshd: 198.51.100.7\n");
        assertThat(Files.readString(root.resolve("etc/hosts.deny"), StandardCharsets.ISO_8859_1)).endsWith("\nALL: ALL\n");
    }

    @Test
    void theParentChainIsWalked_forItsNamesAndForTheSessionAddressSudoDropped() throws IOException {
        new Tree(dir).file("proc/self/status", "Name:\tjava\nPPid:\t300\n")
                .file("proc/300/comm", "sudo\n").file("proc/300/status", "Name:\tsudo\nPPid:\t200\n").file("proc/300/environ", "TERM=xterm\0")
                .file("proc/200/comm", "bash\n").file("proc/200/status", "Name:\tbash\nPPid:\t100\n")
                .file("proc/200/environ", "HOME=/root\0SSH_CONNECTION=203.0.113.9 40000 192.0.2.10 22\0")
                .file("proc/100/comm", "sshd-session\n").file("proc/100/status", "Name:\tsshd-session\nPPid:\t1\n")
                .file("proc/1/comm", "systemd\n").file("proc/1/status", "Name:\tsystemd\nPPid:\t0\n");
        AdminSession s = AdminSession.detect(Map.of(), dir.resolve("proc"));
        assertThat(s.address()).isEqualTo("203.0.113.9");
        assertThat(s.ancestors()).containsExactly("sudo", "bash", "sshd-session", "systemd");
    }

    @Test
    void aServiceThatServesThisSessionIsNotDisabledWithoutForce() throws IOException {
        Path root = dir.resolve("root");
        String conf = "telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd\n";
        new Tree(root).file("etc/inetd.conf", conf).file("etc/hosts.deny", "ALL: ALL\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        AdminSession overTelnet = new AdminSession(true, false, null, List.of("bash", "login", "in.telnetd", "inetd", "systemd"));

        int refused = new Hardener(KnowledgeBase.builtIn(), overTelnet, new PrintStream(OutputStream.nullOutputStream()), errors,
                Clock.systemUTC()).harden(new HardenOptions(root, false, Set.of(), Set.of(), List.of(), List.of(), false, false, false,
                        false, LocalDate.parse("2026-11-23"), 0));
        assertThat(refused).isEqualTo(Hardener.ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jwrap harden: would disable telnet, which serves this session "
                + "(in.telnetd is a parent of this process): give --keep telnet, or --force\n");
        assertThat(Files.readString(root.resolve("etc/inetd.conf"))).isEqualTo(conf);

        int forced = new Hardener(KnowledgeBase.builtIn(), overTelnet, new PrintStream(OutputStream.nullOutputStream()), errors,
                Clock.systemUTC()).harden(new HardenOptions(root, false, Set.of(), Set.of(), List.of(), List.of(), false, false, false,
                        true, LocalDate.parse("2026-11-23"), 0));
        assertThat(forced).isEqualTo(Hardener.OK);
        assertThat(Files.readString(root.resolve("etc/inetd.conf"))).startsWith("# disabled by jwrap harden 2026-11-23: telnet");
    }
}
