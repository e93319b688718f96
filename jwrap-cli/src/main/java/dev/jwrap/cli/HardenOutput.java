package dev.jwrap.cli;

import dev.jwrap.audit.harden.Hardener;
import dev.jwrap.audit.harden.HardenResult;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.report.HtmlReport;
import dev.jwrap.audit.review.AuditReport;
import dev.jwrap.audit.review.Auditor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where {@code jwrap harden --format json|html} puts its document: standard output, or a file
 * ({@link OutputFile}: a regular file is replaced atomically). One per run.
 */
final class HardenOutput {

    private final CliContext context;
    private final Path output;

    HardenOutput(CliContext context, Path output) {
        this.context = context;
        this.output = output;
    }

    /** The audit report of {@code dir} with the dry run's diffs as its harden preview. */
    static String previewPage(Path dir, boolean live, HardenResult preview) throws IOException {
        AuditReport report = new Auditor(dir, KnowledgeBase.builtIn(), live).run(null);
        return HtmlReport.render(report, VersionProvider.number(), Instant.now(), preview.status(), preview);
    }

    /** Writes the document; returns {@code status}, or {@link Hardener#ERROR} when it cannot be written. */
    int write(String document, int status) {
        if (output == null) {
            context.out().print(document);
            return status;
        }
        Path file = context.cwd().resolve(output);
        try {
            OutputFile.write(file, document);
            return status;
        } catch (IOException e) {
            context.err().println("jwrap harden: " + file + ": cannot write: " + e.getMessage());
            return Hardener.ERROR;
        }
    }
}
