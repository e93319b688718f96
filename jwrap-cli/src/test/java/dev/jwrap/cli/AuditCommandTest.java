package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.report.JsonReport;
import dev.jwrap.audit.report.TextReport;
import dev.jwrap.audit.review.AuditReport;
import dev.jwrap.audit.review.Auditor;
import dev.jwrap.audit.rpc.FakePortmapper;
import dev.jwrap.cli.testing.SchemaSubset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code jwrap audit} end to end on prepared trees and on this host. */
class AuditCommandTest {

    private static final Path SCHEMA = Path.of("../docs/audit.schema.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private CliRun cli;

    private int run(String... args) {
        if (cli == null) {
            cli = new CliRun(dir);
        }
        return cli.run(args);
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void riskyTree() throws IOException {
        write("tree/etc/inetd.conf", "# test host\ntelnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd -h\n"
                + "chargen\tdgram\tudp\twait\troot\tinternal\n");
        write("tree/etc/hosts.allow", "");
        write("tree/etc/hosts.deny", "");
    }

    @Test
    void riskyTree_text_listsFindingsWithFixesAndExitsOne() throws IOException {
        riskyTree();
        assertThat(run("audit", "--root", "tree")).isEqualTo(1);
        String text = cli.out();
        assertThat(text).contains("HIGH   INETD-RISKY  telnet enabled in inetd.conf:2: Passwords and sessions in clear text",
                "fix: jwrap harden --only telnet", "HIGH   TW-NO-DEFAULT-DENY", "default deny: no",
                "findings: 3 high, 0 medium, 0 low, 0 info \u2014 exit 1");
        assertThat(text).doesNotContain("\u001b[");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void json_fitsTheSchema_andIsByteIdenticalWithoutTimestamp() throws IOException {
        riskyTree();
        assertThat(run("audit", "--root", "tree", "--format", "json", "--no-timestamp")).isEqualTo(1);
        String first = cli.out();
        run("audit", "--root", "tree", "--format", "json", "--no-timestamp");
        assertThat(cli.out()).isEqualTo(first);

        JsonNode doc = JSON.readTree(first);
        assertThat(SchemaSubset.violations(JSON.readTree(Files.readString(SCHEMA)), doc)).isEmpty();
        assertThat(doc.get("schema").asString()).isEqualTo("jwrap.audit/1");
        assertThat(doc.has("generated")).isFalse();
        assertThat(doc.at("/findings/0/check").asString()).isEqualTo("INETD-RISKY");
        assertThat(doc.at("/summary/findings/high").asInt()).isEqualTo(3);
        assertThat(doc.at("/summary/exit_code").asInt()).isEqualTo(1);
        assertThat(doc.at("/services/0/daemon").asString()).isEqualTo("in.telnetd");
    }

    @Test
    void portmapperPrograms_inJson_fitTheSchema() throws Exception {
        riskyTree();
        write("tree/proc/net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 00000000:4E50 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5002 1\n");
        try (FakePortmapper pm = new FakePortmapper()) {
            AuditReport report = new Auditor(dir.resolve("tree"), KnowledgeBase.builtIn(), false).portmapper(pm.address()).run();
            JsonNode doc = JSON.readTree(JsonReport.render(report, "test", null, 1));

            assertThat(SchemaSubset.violations(JSON.readTree(Files.readString(SCHEMA)), doc)).isEmpty();
            assertThat(doc.at("/rpc/2/program").asInt()).isEqualTo(100005);
            assertThat(doc.at("/rpc/2/name").asString()).isEqualTo("mountd");
            assertThat(doc.at("/rpc/2/proto").asString()).isEqualTo("tcp");
            assertThat(doc.at("/rpc/2/kb").asString()).isEqualTo("rpc:100005");
            assertThat(doc.at("/rpc/5/name").isNull()).isTrue();
            assertThat(doc.at("/listeners/0/service/source").asString()).isEqualTo("rpc");
            assertThat(new TextReport(false).render(report, 1)).contains("RPC programs (from the portmapper)",
                    "  100005   v3   tcp  20048  mountd");
        }
    }

    /** Spec §9.1 item 1: 20 + 2 + 1 TCP listeners and 2 UDP sockets of this JVM, each in the JSON as it is. */
    @Test
    void thisHost_json_listsEachOfTheTestsListenersWithFamilyStateAndOwner() throws Exception {
        java.util.List<java.nio.channels.NetworkChannel> open = new java.util.ArrayList<>();
        try {
            java.util.Map<String, String> expected = new java.util.LinkedHashMap<>(); // "proto port" -> "address family socket_family state"
            for (int i = 0; i < 20; i++) {
                expected.put("tcp " + bind(open, true, "127.0.0.1"), "127.0.0.1 ipv4 ipv4 LISTEN");
            }
            expected.put("tcp " + bind(open, true, "::1"), "::1 ipv6 ipv6 LISTEN");
            expected.put("tcp " + bind(open, true, "::1"), "::1 ipv6 ipv6 LISTEN");
            expected.put("tcp " + bind(open, true, "::ffff:127.0.0.1"), "127.0.0.1 ipv4 ipv6 LISTEN");
            expected.put("udp " + bind(open, false, "127.0.0.1"), "127.0.0.1 ipv4 ipv4 CLOSE");
            expected.put("udp " + bind(open, false, "::1"), "::1 ipv6 ipv6 CLOSE");

            assertThat(run("audit", "--format", "json", "-o", "host.json")).isIn(0, 1);
            JsonNode doc = JSON.readTree(Files.readString(dir.resolve("host.json")));
            java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
            for (JsonNode l : doc.get("listeners")) {
                String key = l.get("proto").asString() + " " + l.get("port").asInt();
                if (expected.containsKey(key) && l.at("/owner/pid").asLong() == ProcessHandle.current().pid()) {
                    assertThat(l.at("/owner/comm").asString()).isEqualTo("java");
                    assertThat(l.at("/owner/exe").asString()).endsWith("/bin/java");
                    assertThat(l.get("exposure").asString()).isEqualTo("loopback");
                    found.put(key, l.get("address").asString() + " " + l.get("family").asString() + " "
                            + l.get("socket_family").asString() + " " + l.get("state").asString());
                }
            }
            assertThat(found).containsExactlyInAnyOrderEntriesOf(expected);
        } finally {
            for (var c : open) {
                c.close();
            }
        }
    }

    private static int bind(java.util.List<java.nio.channels.NetworkChannel> open, boolean tcp, String address) throws IOException {
        java.net.StandardProtocolFamily family = address.contains(":") ? java.net.StandardProtocolFamily.INET6
                : java.net.StandardProtocolFamily.INET;
        java.nio.channels.NetworkChannel c = tcp ? java.nio.channels.ServerSocketChannel.open(family)
                : java.nio.channels.DatagramChannel.open(family);
        open.add(c);
        c.bind(new java.net.InetSocketAddress(java.net.InetAddress.ofLiteral(address), 0));
        return ((java.net.InetSocketAddress) c.getLocalAddress()).getPort();
    }

    @Test
    void html_toAFile_carriesTheSameReportAsJson() throws IOException {
        riskyTree();
        assertThat(run("audit", "--root", "tree", "--format", "json", "--no-timestamp")).isEqualTo(1);
        String json = cli.out();
        assertThat(run("audit", "--root", "tree", "--format", "html", "--no-timestamp", "-o", "audit.html")).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        String html = Files.readString(dir.resolve("audit.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("id=\"tile-high\"><span class=\"n\">3</span>",
                "telnet enabled in inetd.conf:2: Passwords and sessions in clear text", "jwrap harden --only telnet");
        String open = "id=\"jwrap-data\">";
        String embedded = html.substring(html.indexOf(open) + open.length(), html.lastIndexOf("</script>"));
        assertThat(JSON.readTree(embedded)).isEqualTo(JSON.readTree(json));
    }

    @Test
    void thisHost_json_fitsTheSchema_withTheTestsPidAmongTheOwners() throws IOException {
        try (var server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int status = run("audit", "--format", "json", "-o", "host.json");
            assertThat(status).isIn(0, 1);
            JsonNode doc = JSON.readTree(Files.readString(dir.resolve("host.json")));
            assertThat(SchemaSubset.violations(JSON.readTree(Files.readString(SCHEMA)), doc)).isEmpty();
            assertThat(doc.get("generated").asString()).endsWith("Z");
            boolean found = false;
            for (JsonNode l : doc.get("listeners")) {
                found |= l.get("port").asInt() == server.getLocalPort()
                        && l.at("/owner/pid").asLong() == ProcessHandle.current().pid();
            }
            assertThat(found).as("listener on port %d owned by this JVM", server.getLocalPort()).isTrue();
        }
    }

    @Test
    void scan_connectsToTheTestsListenerOnLoopback_andFitsTheSchema() throws IOException {
        try (var server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(run("audit", "--scan", "--format", "json", "--no-timestamp")).isIn(0, 1);
            JsonNode doc = JSON.readTree(cli.out());
            assertThat(SchemaSubset.violations(JSON.readTree(Files.readString(SCHEMA)), doc)).isEmpty();
            JsonNode loopback = null;
            for (JsonNode r : doc.at("/scan/results")) {
                if (r.get("target").asString().equals("127.0.0.1")) {
                    loopback = r;
                }
            }
            assertThat(loopback).as("a scan of 127.0.0.1").isNotNull();
            boolean open = false;
            for (JsonNode p : loopback.get("open")) {
                open |= p.get("port").asInt() == server.getLocalPort();
            }
            assertThat(open).as("port %d open", server.getLocalPort()).isTrue();
        }
    }

    @Test
    void scan_isNotRunForATree() throws IOException {
        write("tree/proc/net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        riskyTree();
        assertThat(run("audit", "--root", "tree", "--scan", "--format", "json")).isEqualTo(1);
        JsonNode doc = JSON.readTree(cli.out());
        assertThat(doc.get("scan").isNull()).isTrue();
        assertThat(doc.at("/host/limitations/0").asString()).startsWith("--scan connects to this host only");
    }

    @Test
    void cleanTree_exitsZero() throws IOException {
        write("tree/etc/hosts.allow", "sshd: 192.0.2.0/24\n");
        write("tree/etc/hosts.deny", "ALL: ALL\n");
        assertThat(run("audit", "--root", "tree")).isEqualTo(0);
        assertThat(cli.out()).contains("findings: 0 high, 0 medium, 0 low, 0 info \u2014 exit 0");
    }

    @Test
    void missingRoot_isOneLineOnStandardErrorAndExitTwo() {
        assertThat(run("audit", "--root", "no/such/dir")).isEqualTo(2);
        assertThat(cli.err()).matches("jwrap audit: .*no/such/dir: no such directory\n");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void unwritableOutput_isExitTwo() throws IOException {
        riskyTree();
        assertThat(run("audit", "--root", "tree", "-o", "missing-dir/report.txt")).isEqualTo(2);
        assertThat(cli.err()).startsWith("jwrap audit: ").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void failOn_high_ignoresMediumFindings() throws IOException {
        write("tree/etc/hosts.allow", "");
        write("tree/etc/hosts.deny", "");
        assertThat(run("audit", "--root", "tree", "--fail-on", "high")).isEqualTo(0);
        assertThat(run("audit", "--root", "tree")).isEqualTo(1);
        assertThat(run("audit", "--root", "tree", "--fail-on", "loud")).isEqualTo(2);
    }
}
