package dev.jwrap.audit.harden;

import dev.jwrap.audit.config.InetdEntry;
import dev.jwrap.audit.kb.KbEntry;
import java.time.LocalDate;
import java.util.List;

/**
 * Disables inetd.conf entries by commenting them out (spec §5.3): every physical line of the entry
 * gets a {@code #} before its first character, and one marker line
 * {@code # disabled by jwrap harden DATE: NAME - REASON} goes above it. Everything else, line ends
 * and a missing final newline included, stays byte for byte. A pure function.
 */
final class InetdEdit {

    private InetdEdit() {}

    /** An entry to disable and the knowledge-base row that says why. */
    record Disable(InetdEntry entry, KbEntry why) {}

    static String apply(String text, List<Disable> disables, LocalDate date) {
        List<String> lines = TextLines.split(text);
        String end = TextLines.lineEnd(text);
        StringBuilder out = new StringBuilder(text.length() + 128 * disables.size());
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            Disable d = disables.stream()
                    .filter(x -> lineNo >= x.entry().firstLine() && lineNo <= x.entry().lastLine())
                    .findFirst().orElse(null);
            if (d == null) {
                out.append(lines.get(i));
                continue;
            }
            if (lineNo == d.entry().firstLine()) {
                out.append(marker(d, date)).append(end);
            }
            out.append('#').append(lines.get(i));
        }
        return out.toString();
    }

    static String marker(Disable d, LocalDate date) {
        String field = d.entry().service();
        return "# disabled by jwrap harden " + date + ": " + field + " - " + d.why().shortRisk();
    }
}
