package dev.jwrap.cli;

import dev.jwrap.audit.harden.Hardener;
import dev.jwrap.audit.harden.HardenResult;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.report.HtmlReport;
import dev.jwrap.audit.review.AuditReport;
import dev.jwrap.audit.review.Auditor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Where {@code jwrap harden --format json|html} puts its document: standard output, or a file
 * replaced atomically (a temporary file in the same directory, then a rename). One per run.
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
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, document, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return status;
        } catch (IOException e) {
            context.err().println("jwrap harden: " + file + ": cannot write: " + e.getMessage());
            return Hardener.ERROR;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the rename normally took it
                }
            }
        }
    }
}
