package dev.jwrap.audit.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Severity;
import dev.jwrap.audit.rpc.FakePortmapper;
import dev.jwrap.audit.testing.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reviews of prepared trees (spec §9.3). */
class AuditorTest {

    private static final KnowledgeBase KB = KnowledgeBase.builtIn();
    private static final String DENY_ALL = "ALL: ALL\n";

    @TempDir
    Path dir;

    private AuditReport audit(Tree t) throws IOException {
        return new Auditor(t.root(), KB, false).run();
    }

    private static List<String> checks(AuditReport r) {
        return r.findings().stream().map(f -> f.check() + "@" + f.line()).toList();
    }

    @Test
    void openbsdInetdConfWithRiskyAndRpcServices() throws IOException {
        Tree t = new Tree(dir)
                .file("etc/inetd.conf", """
                        # /etc/inetd.conf: test host
                        telnet\t\tstream\ttcp\tnowait\troot\t/usr/libexec/tcpd\ttelnetd -k

                        finger\t\tstream\ttcp\tnowait\t_fingerd\t/usr/libexec/tcpd\tfingerd -lsm
                        #:INTERNAL:
                        chargen\t\tstream\ttcp\tnowait\troot\tinternal
                        chargen\t\tdgram\tudp\twait\troot\tinternal
                        #daytime\tstream\ttcp\tnowait\troot\tinternal
                        rstatd/1-3\tdgram\trpc/udp\twait\troot\t/usr/libexec/rpc.rstatd\trpc.rstatd
                        """)
                .file("etc/hosts.deny", DENY_ALL)
                .file("etc/hosts.allow", "");
        AuditReport r = audit(t);
        assertThat(checks(r)).containsExactly(
                "INETD-RISKY@2", "INETD-RISKY@4", "INETD-RISKY@6", "INETD-RISKY@7", "INETD-RPC@9",
                "BANNER-TELNET@2");
        Finding telnet = r.findings().stream().filter(f -> f.line() == 2 && f.check().equals("INETD-RISKY")).findFirst().orElseThrow();
        assertThat(telnet.severity()).isEqualTo(Severity.HIGH);
        assertThat(telnet.title()).isEqualTo("telnet enabled in inetd.conf:2: Passwords and sessions in clear text");
        assertThat(telnet.refs()).contains("kb:23/tcp");
        assertThat(telnet.fix()).isEqualTo("jwrap harden --only telnet");
        assertThat(r.findings()).filteredOn(f -> f.line() == 7).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.HIGH);
        assertThat(r.services()).extracting(ConfiguredService::name, ConfiguredService::port, ConfiguredService::daemon)
                .contains(org.assertj.core.groups.Tuple.tuple("telnet", 23, "telnetd"),
                        org.assertj.core.groups.Tuple.tuple("rstatd", -1, "rpc.rstatd"));
        assertThat(r.exitCode(Severity.LOW)).isEqualTo(AuditReport.FINDINGS);
        assertThat(r.defaultDeny()).isTrue();
    }

    @Test
    void garbageInInetdConfIsAFindingWithItsLine() throws IOException {
        Tree t = new Tree(dir).file("etc/inetd.conf", "echo stream tcp\n\u0001\u0002 garbage\nssh-relay stream tcp nowait root /usr/local/sbin/relay relay\n")
                .file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "");
        AuditReport r = audit(t);
        assertThat(checks(r)).containsExactly("INETD-NOT-WRAPPED@3", "INETD-SYNTAX@1", "INETD-SYNTAX@2", "INETD-UNKNOWN@3");
        assertThat(r.findings()).filteredOn(f -> f.line() == 1).singleElement()
                .extracting(Finding::title).asString().startsWith("/etc/inetd.conf:1: incomplete entry: 3 of the 6 fields");
    }

    @ParameterizedTest(name = "allow [{0}] deny [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        "ALL: 10.\\nin.telnetd: 10.0.0.\\n | ALL: ALL\\n | TW-SHADOWED@2",
        " | ALL: ALL\\n | ",
        " | ALL:ALL\\n | ",
        "ALL: ALL: deny\\n | | ",
        "ALL: ALL\\n | ALL: ALL\\n | TW-ALLOW-ALL@1,TW-DEAD-DENY@1",
        " | ALL: 10.\\nALL: 10.0.0.1\\nALL: ALL\\n | TW-SHADOWED@2",
        "in.telnet: 10.0.0.1\\n | ALL: ALL\\n | TW-UNKNOWN-DAEMON@1",
        " | | TW-NO-DEFAULT-DENY@0",
        "# note \\\\\\nsshd: 10.0.0.1\\n | ALL: ALL\\n | TW-CONTINUATION-COMMENT@1"
    })
    void accessTablesPosture(String allow, String deny, String expected) throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.allow", unescape(allow)).file("etc/hosts.deny", unescape(deny));
        List<String> tw = checks(audit(t)).stream().filter(c -> c.startsWith("TW-")).toList();
        assertThat(tw).isEqualTo(expected == null ? List.of() : List.of(expected.split(",")));
    }

    @Test
    void missingTablesAndAWorldWritableTable() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL);
        Files.setPosixFilePermissions(dir.resolve("etc/hosts.deny"), PosixFilePermissions.fromString("rw-rw-rw-"));
        AuditReport r = audit(t);
        assertThat(checks(r)).containsExactly("TW-PERMS@0", "TW-MISSING@0");
        assertThat(r.allowPresent()).isFalse();
        assertThat(r.exitCode(Severity.LOW)).isEqualTo(AuditReport.FINDINGS);
    }

    @Test
    void xinetdBlocksWithoutDisableAreEnabled() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "")
                .file("etc/xinetd.conf", "defaults\n{\n\tinstances = 60\n}\nincludedir /etc/xinetd.d\n")
                .file("etc/xinetd.d/chargen", "service chargen\n{\n\tid = chargen-stream\n\ttype = INTERNAL\n"
                        + "\tsocket_type = stream\n\tdisable = no\n}\n")
                .file("etc/xinetd.d/telnet", "# default: on\nservice telnet\n{\n\tsocket_type = stream\n\twait = no\n"
                        + "\tuser = root\n\tserver = /usr/sbin/in.telnetd\n}\n")
                .file("etc/xinetd.d/tftp", "service tftp\n{\n\tsocket_type = dgram\n\tprotocol = udp\n\tdisable = yes\n}\n")
                .file("etc/xinetd.d/telnet.rpmsave", "service telnet\n{\n}\n");
        AuditReport r = audit(t);
        assertThat(r.findings()).extracting(f -> f.check() + " " + f.service() + " " + f.location()).containsExactly(
                "XINETD-RISKY chargen-stream /etc/xinetd.d/chargen:1", "XINETD-RISKY telnet /etc/xinetd.d/telnet:2");
    }

    @Test
    void systemdSocketsEnabledMaskedAndChangedByADropIn() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "")
                .file("lib/systemd/system/telnet.socket", "[Unit]\nDescription=Telnet\n[Socket]\nListenStream=23\nAccept=yes\n")
                .file("etc/systemd/system/telnet.socket.d/port.conf", "[Socket]\nListenStream=\nListenStream=2323\n")
                .link("etc/systemd/system/sockets.target.wants/telnet.socket", "/lib/systemd/system/telnet.socket")
                .file("lib/systemd/system/rsh.socket", "[Socket]\nListenStream=514\nAccept=yes\n")
                .link("etc/systemd/system/rsh.socket", "/dev/null")
                .link("etc/systemd/system/sockets.target.wants/rsh.socket", "/lib/systemd/system/rsh.socket")
                .file("lib/systemd/system/tftp.socket", "[Socket]\nListenDatagram=69\n");
        AuditReport r = audit(t);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("SYSTEMD-SOCKET-RISKY");
            assertThat(f.location()).isEqualTo("/etc/systemd/system/telnet.socket.d/port.conf:3");
            assertThat(f.title()).contains("2323");
        });
        assertThat(r.services()).extracting(ConfiguredService::server).containsExactly("telnet@.service");
    }

    @Test
    void inetdConfComparedWithWhatRuns() throws IOException {
        String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "")
                .file("etc/inetd.conf", "ssh-relay stream tcp nowait root /usr/sbin/tcpd relay\n7000 stream tcp nowait root /usr/sbin/tcpd x\n")
                .file("proc/net/tcp", header);
        assertThat(checks(audit(t))).contains("INETD-STALE@0").doesNotContain("INETD-NOT-LISTENING@2");
        t.file("proc/77/comm", "inetd\n");
        assertThat(checks(audit(t))).contains("INETD-NOT-LISTENING@2").doesNotContain("INETD-STALE@0");
        t.file("proc/net/tcp", header
                + "   0: 00000000:1B58 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1\n");
        assertThat(checks(audit(t))).doesNotContain("INETD-NOT-LISTENING@2", "INETD-STALE@0");
        t.file("etc/inetd.conf", "# nothing\n");
        assertThat(checks(audit(t))).contains("INETD-IDLE@0");
    }

    @Test
    void thePortmappersProgramsNameTheDynamicRpcPorts() throws Exception {
        String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "")
                .file("proc/net/tcp", header
                        + "   0: 00000000:006F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1\n"
                        + "   1: 00000000:4E50 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5002 1\n"
                        + "   2: 00000000:1B58 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5003 1\n");
        try (FakePortmapper pm = new FakePortmapper()) {
            AuditReport r = new Auditor(t.root(), KB, false).portmapper(pm.address()).run();

            assertThat(r.rpc()).extracting(p -> p.mapping().program() + "/" + p.mapping().transport() + ":" + p.mapping().port()
                    + "=" + p.name()).containsExactly("100000/tcp:111=sunrpc", "100000/udp:111=sunrpc",
                    "100005/tcp:20048=mountd", "100005/udp:20048=mountd", "100024/udp:41234=status", "400123/tcp:7000=null");
            assertThat(r.listeners()).extracting(j -> j.listener().port() + "=" + j.serviceName() + "(" + j.serviceSource() + ")")
                    .containsExactly("111=sunrpc(kb)", "7000=rpc program 400123(rpc)", "20048=mountd(rpc)");
            assertThat(r.findings()).extracting(f -> f.check() + " " + f.severity().word() + " " + f.service())
                    .containsExactly("LISTEN-RISKY high mountd", "RPC-PORTMAP high null");

            t.file("proc/net/tcp", TCP_HEADER + tcpLine(0, "0100007F", 111, 5001) + tcpLine(1, "0100007F", 20048, 5002));
            AuditReport local = new Auditor(t.root(), KB, false).portmapper(pm.address()).run();
            assertThat(local.findings()).extracting(f -> f.check() + " " + f.severity().word()).containsExactly("RPC-PORTMAP info");
            assertThat(local.listeners()).extracting(JudgedListener::serviceName).containsExactly("sunrpc", "mountd");
        }
    }

    @Test
    void aPortmapperThatDoesNotAnswerIsALimitation() throws Exception {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "").file("proc/net/tcp", "");
        java.net.InetSocketAddress nobody;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.ofLiteral("127.0.0.1"))) {
            nobody = (java.net.InetSocketAddress) s.getLocalSocketAddress();
        }
        AuditReport r = new Auditor(t.root(), KB, false).portmapper(nobody).run();
        assertThat(r.rpc()).isEmpty();
        assertThat(r.limitations()).anySatisfy(l -> assertThat(l).startsWith("the portmapper at 127.0.0.1 port " + nobody.getPort()
                + " did not list its programs: "));
    }

    private static final String TCP_HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    /** A process of the tree's /proc holding one socket, with a memory map. */
    private static void process(Tree t, int pid, String comm, String exe, String maps, long inode) {
        t.file("proc/" + pid + "/comm", comm + "\n").file("proc/" + pid + "/cmdline", exe + "\0")
                .file("proc/" + pid + "/status", "Name:\t" + comm + "\nPPid:\t1\nUid:\t0\t0\t0\t0\n")
                .file("proc/" + pid + "/maps", maps)
                .link("proc/" + pid + "/exe", exe).link("proc/" + pid + "/fd/3", "socket:[" + inode + "]");
    }

    private static String tcpLine(int slot, String hexAddress, int port, long inode) {
        return String.format("   %d: %s:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 %d 1%n",
                slot, hexAddress, port, inode);
    }

    @Test
    void nameBasedPatternsAndClientExpansionsInSpawn() throws IOException {
        Tree t = new Tree(dir)
                .file("etc/hosts.allow", "sshd: .example.com\nin.ftpd: LOCAL\nALL: 10.0.0.0/8 [2001:db8::]/32 192.168.\n"
                        + "in.fingerd: ALL EXCEPT host.example.org\nin.telnetd: 10.1.0.0/16: spawn (echo %h >> /var/log/telnet) &\n")
                .file("etc/hosts.deny", DENY_ALL);
        assertThat(checks(audit(t))).filteredOn(c -> c.startsWith("TW-NAME") || c.startsWith("TW-SPAWN"))
                .containsExactly("TW-NAME-BASED@1", "TW-NAME-BASED@2", "TW-NAME-BASED@4", "TW-SPAWN-EXPANSION@5");
    }

    @ParameterizedTest(name = "sshd binary links libwrap: {0}, hosts.allow [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        "true  | | TW-SSHD-NO-ALLOW",
        "true  | sshd: 192.0.2.0/24\\n | ",
        "true  | ALL: 192.0.2.7\\n | ",
        "true  | sshd: ALL: deny\\n | TW-SSHD-NO-ALLOW",
        "false | | "
    })
    void aDefaultDenyWithoutAnAllowForAWrappedSshdLocksSshOut(boolean libwrap, String allow, String expected) throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.allow", unescape(allow)).file("etc/hosts.deny", DENY_ALL)
                .file("usr/sbin/sshd", "\u007fELF...libc.so.6\0" + (libwrap ? "libwrap.so.0\0" : "") + "libcrypto.so.3\0");
        AuditReport r = audit(t);
        assertThat(checks(r)).filteredOn(c -> c.startsWith("TW-SSHD")).containsExactlyElementsOf(
                expected == null ? List.of() : List.of(expected + "@0"));
    }

    @Test
    void rulesForADaemonThatNeverReadsThemAreNotEnforced() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL)
                .file("etc/hosts.allow", "nginx: 10.0.0.0/8\nsshd: 10.0.0.0/8\nslapd: 10.0.0.0/8\n")
                .file("proc/net/tcp", TCP_HEADER + tcpLine(0, "00000000", 8080, 7001) + tcpLine(1, "00000000", 22, 7002)
                        + tcpLine(2, "00000000", 389, 7003));
        process(t, 501, "nginx", "/usr/sbin/nginx", "7f00-7f01 r-xp 0 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6\n", 7001);
        process(t, 502, "sshd", "/usr/sbin/sshd", "7f00-7f01 r-xp 0 08:01 2 /usr/lib/x86_64-linux-gnu/libwrap.so.0.7.6\n", 7002);
        t.file("proc/503/comm", "slapd\n").file("proc/503/status", "Name:\tslapd\nPPid:\t1\n").link("proc/503/exe", "/usr/sbin/slapd")
                .link("proc/503/fd/3", "socket:[7003]"); // no maps: cannot know, so no judgement
        AuditReport r = audit(t);
        assertThat(r.findings()).filteredOn(f -> f.check().equals("LISTEN-UNKNOWN")).extracting(Finding::title).containsExactly(
                "unknown service listening on tcp 0.0.0.0:8080 by nginx (pid 501) (/usr/sbin/nginx): the port is in no"
                        + " super-server's configuration and not in /etc/services");
        assertThat(r.findings()).filteredOn(f -> f.check().equals("TW-NOT-ENFORCED")).singleElement()
                .extracting(Finding::title).asString().startsWith("the tables have rules for nginx, but nginx (pid 501, tcp port 8080)");
        assertThat(checks(r)).doesNotContain("TW-SSHD-NO-ALLOW@0");
    }

    @Test
    void aMailServerOnEveryAddressIsNotLocalOnly() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "")
                .file("proc/net/tcp", TCP_HEADER + tcpLine(0, "00000000", 25, 7101) + tcpLine(1, "0100007F", 587, 7102));
        process(t, 601, "exim4", "/usr/sbin/exim4", "", 7101);
        AuditReport r = audit(t);
        assertThat(r.findings()).extracting(f -> f.check() + " " + f.severity().word()).containsExactly("MTA-NOT-LOCAL medium");
        assertThat(r.findings().getFirst().title()).isEqualTo("mail server listening on tcp 0.0.0.0:25 by exim4 (pid 601): not local-only");

        t.file("proc/net/tcp", TCP_HEADER + tcpLine(0, "0100007F", 25, 7101));
        assertThat(audit(t).findings()).isEmpty();
    }

    @Test
    void openbsdRcConfStartsPortmapAndSendmail() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "")
                .file("etc/rc.conf", "# rc.conf\nportmap=YES\t\t# for NFS\nnfs_server=NO\ninetd=YES\n"
                        + "sendmail_flags=\"-L sm-mta -bd -q30m\"\nhttpd_flags=NO\nntpd_flags=\n")
                .file("etc/rc.conf.local", "inetd=NO\npkg_scripts=\"snmpd postgresql\"\n");
        AuditReport r = audit(t);
        assertThat(r.findings()).extracting(f -> f.check() + " " + f.severity().word() + " " + f.location() + " " + f.fix())
                .containsExactly(
                        "BOOT-ENABLED low /etc/rc.conf:2 rcctl disable portmap   # portmap=NO in rc.conf.local",
                        "BOOT-ENABLED info /etc/rc.conf:5 rcctl disable sendmail   # sendmail_flags=NO in rc.conf.local",
                        "BOOT-ENABLED info /etc/rc.conf.local:2 rcctl disable snmpd && rcctl stop snmpd");
    }

    @Test
    void systemdEnablementLinksAndMasks() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "")
                .file("lib/systemd/system/rpcbind.service", "[Service]\n")
                .link("etc/systemd/system/multi-user.target.wants/rpcbind.service", "/lib/systemd/system/rpcbind.service")
                .link("etc/systemd/system/sockets.target.wants/rpcbind.socket", "/lib/systemd/system/rpcbind.socket")
                .link("etc/systemd/system/multi-user.target.wants/avahi-daemon.service", "/lib/systemd/system/avahi-daemon.service")
                .link("etc/systemd/system/avahi-daemon.service", "/dev/null")
                .link("etc/systemd/system/multi-user.target.wants/ssh.service", "/lib/systemd/system/ssh.service")
                .file("etc/rc2.d/S01snmpd", "");
        AuditReport r = audit(t);
        assertThat(r.findings()).extracting(f -> f.check() + " " + f.service() + " " + f.location() + " " + f.fix()).containsExactly(
                "BOOT-ENABLED sunrpc /etc/systemd/system/multi-user.target.wants/rpcbind.service systemctl disable --now rpcbind.service");
    }

    @Test
    void sysvStartLinksWithoutSystemd() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "")
                .link("etc/rc2.d/S01rpcbind", "../init.d/rpcbind").link("etc/rc3.d/S01rpcbind", "../init.d/rpcbind")
                .link("etc/rc2.d/K01nis", "../init.d/nis").link("etc/rc5.d/S02xinetd", "../init.d/xinetd")
                .link("etc/rc1.d/S01slapd", "../init.d/slapd");
        AuditReport r = audit(t);
        assertThat(r.findings()).extracting(f -> f.check() + " " + f.severity().word() + " " + f.location()).containsExactly(
                "BOOT-ENABLED low /etc/rc2.d/S01rpcbind", "BOOT-ENABLED info /etc/rc5.d/S02xinetd");
    }

    @Test
    void xinetdComparedWithWhatRuns() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "")
                .file("etc/xinetd.conf", "defaults\n{\n}\nincludedir /etc/xinetd.d\n")
                .file("etc/xinetd.d/echo", "service echo\n{\n\tid = echo-stream\n\ttype = INTERNAL\n\tsocket_type = stream\n\tdisable = no\n}\n")
                .file("proc/net/tcp", TCP_HEADER);
        assertThat(checks(audit(t))).contains("XINETD-STALE@0").doesNotContain("XINETD-IDLE@0");
        t.file("proc/88/comm", "xinetd\n");
        assertThat(checks(audit(t))).doesNotContain("XINETD-STALE@0", "XINETD-IDLE@0");
        t.file("etc/xinetd.d/echo", "service echo\n{\n\tdisable = yes\n}\n");
        assertThat(checks(audit(t))).contains("XINETD-IDLE@0");
    }

    @Test
    void aCleanTreeExitsZero() throws IOException {
        Tree t = new Tree(dir).file("etc/hosts.deny", DENY_ALL).file("etc/hosts.allow", "sshd: 192.0.2.0/24\n")
                .file("etc/inetd.conf", "#telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\n");
        AuditReport r = audit(t);
        assertThat(r.findings()).isEmpty();
        assertThat(r.exitCode(Severity.LOW)).isEqualTo(AuditReport.CLEAN);
        assertThat(r.limitations()).singleElement().asString().contains("no listener inventory");
    }

    @Test
    void aMissingRootIsAnError() {
        assertThatThrownBy(() -> new Auditor(dir.resolve("nope"), KB, false).run()).isInstanceOf(IOException.class);
    }

    private static String unescape(String s) {
        return s == null ? "" : s.strip().replace("\\n", "\n").replace("\\\\", "\\");
    }
}
