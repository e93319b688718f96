package dev.jwrap.audit.report;

import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.review.AuditReport;
import dev.jwrap.audit.review.Auditor;
import dev.jwrap.audit.testing.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A prepared host tree whose own text attacks the report: an exposed telnet in inetd.conf, an
 * exposed listener owned by a process named {@code <script>evil} whose command line closes a script
 * element, a loopback-only listener, and an inetd.conf service named {@code x<script>y}.
 */
final class HostileTree {

    static final String COMM = "<script>evil";
    static final String CMDLINE = "</script><script>alert(1)</script>";
    static final String CONF_LINE = "x<script>y stream tcp nowait root /usr/sbin/tcpd in.x<script>";

    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    private HostileTree() {}

    static AuditReport audit(Path dir) throws IOException {
        Tree t = new Tree(dir)
                .file("etc/inetd.conf", "telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\n" + CONF_LINE + "\n")
                .file("etc/hosts.allow", "in.telnetd: 192.0.2.0/24\n")
                .file("etc/hosts.deny", "")
                .file("proc/net/tcp", HEADER
                        + "   0: 00000000:0017 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1\n"
                        + "   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5002 1\n"
                        + "   2: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5003 1\n");
        process(t, 300, "inetd", "/usr/sbin/inetd", "/usr/sbin/inetd\0", 5001);
        process(t, 400, COMM, "/usr/local/bin/evil", CMDLINE + "\0", 5002, 5003);
        return new Auditor(t.root(), KnowledgeBase.builtIn(), false).run();
    }

    private static void process(Tree t, int pid, String comm, String exe, String cmdline, long... inodes) throws IOException {
        String p = "proc/" + pid + "/";
        t.file(p + "comm", comm + "\n").file(p + "cmdline", cmdline)
                .file(p + "status", "Name:\t" + comm + "\nPPid:\t1\nUid:\t0\t0\t0\t0\n").file(p + "cgroup", "0::/\n");
        Path dir = t.root().resolve(p);
        Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
        Files.createDirectories(dir.resolve("fd"));
        int fd = 3;
        for (long inode : inodes) {
            Files.createSymbolicLink(dir.resolve("fd/" + fd++), Path.of("socket:[" + inode + "]"));
        }
    }
}
