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
        assertThat(html).contains("&lt;script&gt;evil").doesNotContain("<script>");
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
    void scriptSafeJsonParsesBackToTheSameValue() {
        String json = "{\"a\":\"</script><b>\"}";
        String safe = HtmlPage.scriptSafe(json);
        assertThat(safe).doesNotContain("<");
        assertThat(tools.jackson.databind.json.JsonMapper.builder().build().readTree(safe))
                .isEqualTo(tools.jackson.databind.json.JsonMapper.builder().build().readTree(json));
    }
}
