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
}
