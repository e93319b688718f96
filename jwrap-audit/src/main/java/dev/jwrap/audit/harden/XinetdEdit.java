package dev.jwrap.audit.harden;

import dev.jwrap.audit.config.XinetdService;
import dev.jwrap.audit.kb.KbEntry;
import java.time.LocalDate;
import java.util.List;

/**
 * Disables xinetd services inside their blocks (spec §5.3): a {@code disable = no} line is kept as a
 * comment under the marker and followed by the same line saying {@code yes}; a block without a
 * {@code disable} attribute gets the marker and {@code disable = yes} right after its {@code {}.
 * Everything else stays byte for byte. A pure function.
 */
final class XinetdEdit {

    private XinetdEdit() {}

    /** A service to disable and the knowledge-base row that says why. */
    record Disable(XinetdService service, KbEntry why) {}

    static String apply(String text, List<Disable> disables, LocalDate date) {
        List<String> lines = TextLines.split(text);
        String end = TextLines.lineEnd(text);
        StringBuilder out = new StringBuilder(text.length() + 160 * disables.size());
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            Disable replace = disables.stream().filter(d -> d.service().disableLine() == lineNo).findFirst().orElse(null);
            Disable insert = disables.stream()
                    .filter(d -> d.service().disableLine() == 0 && openingBrace(lines, d.service().line()) == lineNo)
                    .findFirst().orElse(null);
            if (replace != null) {
                String content = TextLines.content(line);
                String indent = content.substring(0, content.length() - content.stripLeading().length());
                out.append(indent).append(marker(replace, date)).append(end);
                out.append('#').append(content).append(end);
                out.append(content.replaceFirst("(=\\s*)no\\b", "$1yes")).append(line.substring(content.length()));
                continue;
            }
            out.append(line);
            if (insert != null) {
                if (!line.endsWith("\n")) {
                    out.append(end);
                }
                out.append('\t').append(marker(insert, date)).append(end).append("\tdisable\t\t= yes").append(end);
            }
        }
        return out.toString();
    }

    /** The line holding the block's {@code {}: the service line itself or the first one after it. */
    private static int openingBrace(List<String> lines, int serviceLine) {
        for (int i = serviceLine - 1; i < lines.size(); i++) {
            String t = TextLines.content(lines.get(i));
            int hash = t.indexOf('#');
            if ((hash >= 0 ? t.substring(0, hash) : t).strip().endsWith("{")) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String marker(Disable d, LocalDate date) {
        return "# disabled by jwrap harden " + date + ": " + d.service().id() + " - " + d.why().shortRisk();
    }
}
