package dev.jwrap.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.kb.Severity;
import dev.jwrap.audit.review.AuditReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML text itself: escaping, self-containment, determinism (the browser test checks the rendering). */
class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void hostTextIsEscapedEverywhere() throws IOException {
        AuditReport r = HostileTree.audit(dir);
        String html = HtmlReport.render(r, "9.9", null, r.exitCode(Severity.LOW));
        assertThat(html).contains("&lt;script&gt;evil", "<td>x&lt;script&gt;y</td>").doesNotContain("<script>");
        assertThat(html.split("<script", -1)).as("only the JSON data element opens a script").hasSize(2);
        assertThat(html).contains("<script type=\"application/json\" id=\"jwrap-data\">")
                .contains("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>");
    }

    @Test
    void selfContainedWithAStrictContentSecurityPolicy() throws IOException {
        AuditReport r = HostileTree.audit(dir);
        String html = HtmlReport.render(r, "9.9", Instant.parse("2026-01-02T03:04:05Z"), 1);
        assertThat(html).contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"")
                .contains("generated 2026-01-02T03:04:05Z")
                .doesNotContain("src=", "href=", "url(", "@import");
    }

    @Test
    void withoutATimestampTwoRendersAreIdentical() throws IOException {
        AuditReport r = HostileTree.audit(dir);
        assertThat(HtmlReport.render(r, "9.9", null, 1)).isEqualTo(HtmlReport.render(r, "9.9", null, 1)).doesNotContain("generated");
    }

    @Test
    void scanRowsNameWhatAnswersButIsNotInTheInventory() throws Exception {
        AuditReport r = HostileTree.audit(dir);
        java.net.InetAddress target = java.net.InetAddress.getByName("127.0.0.1");
        dev.jwrap.audit.scan.ScanResult scan = new dev.jwrap.audit.scan.ScanResult(target,
                dev.jwrap.audit.scan.PortList.parse("23,8080,9999"), java.util.List.of(8080, 9999),
                new java.util.TreeMap<>(java.util.Map.of(23, "timeout")), 0, 5_000_000);
        AuditReport scanned = new AuditReport(r.root(), r.live(), r.limitations(), r.listeners(), r.services(),
                r.allowPresent(), r.denyPresent(), r.defaultDeny(), r.findings(), java.util.List.of(scan));
        String html = HtmlReport.render(scanned, "9.9", null, 1);
        assertThat(html).contains("<section id=\"scan\">",
                "<td>8080, 9999</td><td>23 (timeout)</td><td>0</td><td><strong>9999</strong></td><td>5 ms</td>");
        assertThat(HtmlReport.render(r, "9.9", null, 1)).doesNotContain("<section id=\"scan\">");
    }

    @Test
    void scriptSafeJsonParsesBackToTheSameValue() {
        String json = "{\"a\":\"</script><b>\"}";
        String safe = HtmlPage.scriptSafe(json);
        assertThat(safe).doesNotContain("<");
        assertThat(tools.jackson.databind.json.JsonMapper.builder().build().readTree(safe))
                .isEqualTo(tools.jackson.databind.json.JsonMapper.builder().build().readTree(json));
    }

    @Test
    void accessTablesListEveryLineWithDeadRulesStruckThroughAndTheReasonAsTitle() throws IOException {
        AuditReport r = HostileTree.audit(dir);
        new dev.jwrap.audit.testing.Tree(dir).file("etc/hosts.allow", "# admins\nALL: 10.\nin.telnetd: 10.0.0.\nsshd: <b>x\n");
        String html = HtmlReport.render(r, "9.9", null, 1);
        String section = html.substring(html.indexOf("<section id=\"access\">"), html.indexOf("</section>", html.indexOf("<section id=\"access\">")));
        assertThat(section).contains("<h3 class=\"mono\">/etc/hosts.allow</h3>", "<h3 class=\"mono\">/etc/hosts.deny</h3>",
                "<td class=\"ln\">1</td><td class=\"mono\"># admins</td>",
                "<td class=\"ln\">2</td><td class=\"mono\">ALL: 10.</td>",
                "<td class=\"mono\">sshd: &lt;b&gt;x</td>", "<p class=\"muted\">empty</p>");
        assertThat(section).containsPattern("<tr class=\"dead\"><td class=\"ln\">3</td><td class=\"mono\"><del title=\"[^\"]*\\[shadowed-rule\\]\">"
                + "in.telnetd: 10.0.0.</del></td>");
        assertThat(section.split("<del ", -1)).as("only the shadowed rule is struck through").hasSize(2);
    }

    @Test
    void aHardenPreviewShowsTheDryRunsDiffsColouredAndTheJsonCarriesIt() throws IOException {
        AuditReport r = HostileTree.audit(dir);
        java.util.TreeMap<String, String> before = dev.jwrap.audit.testing.TreeSnapshot.of(dir);
        dev.jwrap.audit.harden.HardenResult preview = dev.jwrap.audit.harden.Hardener.preview(
                dev.jwrap.audit.kb.KnowledgeBase.builtIn(), dev.jwrap.audit.harden.AdminSession.NONE, dir,
                java.time.LocalDate.parse("2026-11-23"));
        assertThat(dev.jwrap.audit.testing.TreeSnapshot.of(dir)).as("a preview writes nothing").isEqualTo(before);

        String html = HtmlReport.render(r, "9.9", null, preview.status(), preview);

        assertThat(html).contains("<section id=\"harden-preview\">", "<h3 class=\"mono\">/etc/inetd.conf</h3>",
                "<span class=\"head\">--- a/etc/inetd.conf</span>",
                "<span class=\"add\">+# disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text</span>",
                "<span class=\"del\">-telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd</span>",
                "<span class=\"add\">+ALL: ALL</span>", "reload: kill -HUP $(cat /run/inetd.pid)");
        tools.jackson.databind.JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(JsonReport.render(r, "9.9", null, 1, preview));
        assertThat(json.at("/harden/mode").asString()).isEqualTo("dry-run");
        assertThat(json.at("/harden/pending").asBoolean()).isTrue();
        assertThat(json.at("/harden/changes/0/file").asString()).isEqualTo("/etc/inetd.conf");
        assertThat(json.at("/harden/changes/0/diff").asString()).isEqualTo(preview.changes().getFirst().diff());
        assertThat(HtmlReport.render(r, "9.9", null, 1)).doesNotContain("harden-preview");
        assertThat(JsonReport.render(r, "9.9", null, 1)).contains("\"harden\" : null");
    }
}
