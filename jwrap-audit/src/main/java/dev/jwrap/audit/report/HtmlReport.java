package dev.jwrap.audit.report;

import dev.jwrap.audit.harden.HardenResult;
import dev.jwrap.audit.review.AuditReport;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Instant;

/**
 * Renders an {@link AuditReport} as one self-contained HTML page (spec §6.3): inline CSS, no
 * external resource and no script to run, readable on screen (light or dark) and on A4 paper. The
 * page shows the same report as {@link JsonReport} and carries that JSON in a
 * {@code <script type="application/json" id="jwrap-data">} element for tools. The template
 * ({@code src/main/jte/report.jte}) is compiled at build time and escapes every value, so text from
 * the audited host (command lines, file contents) can only ever appear as text. Stateless.
 */
public final class HtmlReport {

    /** Precompiled templates live in this package, next to the page model they read. */
    private static final TemplateEngine TEMPLATES =
            TemplateEngine.createPrecompiled(null, ContentType.Html, HtmlReport.class.getClassLoader(), "dev.jwrap.audit.report");

    private HtmlReport() {}

    /**
     * The report as an HTML document.
     *
     * @param version jwrap's version
     * @param generated the time to record, or null to leave it out (diffable output)
     * @param exitCode the exit status the command returns
     */
    public static String render(AuditReport r, String version, Instant generated, int exitCode) {
        return render(r, version, generated, exitCode, null);
    }

    /**
     * The report with a harden preview section (the diffs {@code jwrap harden --dry-run} would
     * apply, coloured), or without one when {@code preview} is null.
     */
    public static String render(AuditReport r, String version, Instant generated, int exitCode, HardenResult preview) {
        String json = JsonReport.render(r, version, generated, exitCode, preview);
        HtmlPage page = HtmlPage.of(r, version, generated == null ? null : generated.toString(), exitCode, preview, json);
        StringOutput out = new StringOutput();
        TEMPLATES.render("report.jte", page, out);
        return out.toString();
    }
}
