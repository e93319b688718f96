package dev.jwrap.audit.report;

import dev.jwrap.audit.harden.HardenResult;
import java.util.List;

/**
 * The harden preview as the HTML report shows it (spec §6.3 item 6): each file's unified diff split
 * into lines the template colours by kind, the notices and the advice. Immutable.
 *
 * @param files one per file harden would change
 * @param notices what harden would say about the tree
 * @param advice the reload advice and the commands for what harden never edits
 */
record HardenPreview(List<File> files, List<String> notices, List<String> advice) {

    /** A file's diff. */
    record File(String name, List<DiffLine> lines) {}

    /** One diff line; {@code kind} is {@code head}, {@code hunk}, {@code add}, {@code del} or {@code ctx}. */
    record DiffLine(String kind, String text) {}

    static HardenPreview of(HardenResult r) {
        List<File> files = r.changes().stream()
                .map(c -> new File(c.file(), c.diff().lines().map(HardenPreview::line).toList()))
                .toList();
        return new HardenPreview(files, r.notices(), r.advice());
    }

    private static DiffLine line(String text) {
        String kind = text.startsWith("+++ ") || text.startsWith("--- ") ? "head"
                : text.startsWith("@@") ? "hunk"
                : text.startsWith("+") ? "add"
                : text.startsWith("-") ? "del" : "ctx";
        return new DiffLine(kind, text);
    }
}
