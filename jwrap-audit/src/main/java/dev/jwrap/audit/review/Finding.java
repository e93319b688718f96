package dev.jwrap.audit.review;

import dev.jwrap.audit.kb.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One judgement of the audit. Immutable.
 *
 * @param check the stable check id ({@code INETD-RISKY}, {@code TW-NO-DEFAULT-DENY}, ...)
 * @param severity how much it matters
 * @param title what was found, in one line
 * @param file the file it comes from, null when it concerns no file
 * @param line the line in that file, 0 when none
 * @param service the service it concerns, null when none
 * @param why why it matters
 * @param recommendation {@code disable}, {@code restrict}, {@code keep} or {@code review}
 * @param fix the command or change that fixes it
 * @param refs references: the knowledge-base row, benchmark items
 */
public record Finding(String check, Severity severity, String title, String file, int line, String service,
        String why, String recommendation, String fix, List<String> refs) {

    /** Severity (highest first), then check id, then file and line. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::check)
            .thenComparing(f -> f.file() == null ? "" : f.file())
            .thenComparingInt(Finding::line)
            .thenComparing(f -> f.service() == null ? "" : f.service());

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        refs = List.copyOf(refs);
    }

    /** {@code file:line}, or the file alone, or null. */
    public String location() {
        if (file == null) {
            return null;
        }
        return line > 0 ? file + ":" + line : file;
    }
}
