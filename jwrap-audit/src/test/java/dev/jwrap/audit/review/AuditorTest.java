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
        "ALL: ALL\\n | ALL: ALL\\n | TW-ALLOW-ALL@1,TW-SHADOWED@1",
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
