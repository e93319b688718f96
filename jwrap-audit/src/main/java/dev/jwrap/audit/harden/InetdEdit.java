package dev.jwrap.audit.harden;

import dev.jwrap.audit.config.InetdEntry;
import dev.jwrap.audit.kb.KbEntry;
import java.time.LocalDate;
import java.util.List;

/**
 * Edits inetd.conf entries (spec §5.3). A disabled entry gets a {@code #} before the first character
 * of each of its physical lines and one marker line
 * {@code # disabled by jwrap harden DATE: NAME - REASON} above it. A wrapped entry ({@code --wrap})
 * is kept as such a comment under a {@code # wrapped by ...} marker and written again with tcpd as
 * its server. Everything else, line ends and a missing final newline included, stays byte for byte.
 * A pure function.
 */
final class InetdEdit {

    private InetdEdit() {}

    /** An entry to disable and the knowledge-base row that says why. */
    record Disable(InetdEntry entry, KbEntry why) {}

    /**
     * An entry to put behind tcpd.
     *
     * @param entry the entry as it is
     * @param tcpd the server path to write instead of the entry's own
     * @param firstArgument what argv[0] becomes (the daemon's absolute path when tcpd would not
     *     find it by its bare name), or null to keep it
     */
    record Wrap(InetdEntry entry, String tcpd, String firstArgument) {}

    /** The inetd.conf fields before the server's: service, socket type, protocol, wait, user. */
    private static final int SERVER_FIELD = 5;

    static String apply(String text, List<Disable> disables, LocalDate date) {
        return apply(text, disables, List.of(), date);
    }

    static String apply(String text, List<Disable> disables, List<Wrap> wraps, LocalDate date) {
        List<String> lines = TextLines.split(text);
        String end = TextLines.lineEnd(text);
        StringBuilder out = new StringBuilder(text.length() + 128 * (disables.size() + 2 * wraps.size()));
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            Disable d = disables.stream().filter(x -> covers(x.entry(), lineNo)).findFirst().orElse(null);
            Wrap w = wraps.stream().filter(x -> x.entry().firstLine() == lineNo).findFirst().orElse(null);
            if (d != null) {
                if (lineNo == d.entry().firstLine()) {
                    out.append(marker(d, date)).append(end);
                }
                out.append('#').append(lines.get(i));
            } else if (w != null) {
                List<String> entryLines = lines.subList(i, Math.min(lines.size(), w.entry().lastLine()));
                out.append("# wrapped by jwrap harden ").append(date).append(": ").append(w.entry().service())
                        .append(" - access now checked against hosts.allow").append(end);
                for (String line : entryLines) {
                    out.append('#').append(TextLines.content(line)).append(end);
                }
                boolean noArguments = w.entry().args().isEmpty() && w.firstArgument() != null;
                List<String> rewritten = replaceField(entryLines, SERVER_FIELD,
                        noArguments ? w.tcpd() + "\t" + w.firstArgument() : w.tcpd());
                if (w.firstArgument() != null && !noArguments) {
                    rewritten = replaceField(rewritten, SERVER_FIELD + 1, w.firstArgument());
                }
                rewritten.forEach(out::append);
                i += entryLines.size() - 1;
            } else {
                out.append(lines.get(i));
            }
        }
        return out.toString();
    }

    private static boolean covers(InetdEntry e, int lineNo) {
        return lineNo >= e.firstLine() && lineNo <= e.lastLine();
    }

    static String marker(Disable d, LocalDate date) {
        String field = d.entry().service();
        return "# disabled by jwrap harden " + date + ": " + field + " - " + d.why().shortRisk();
    }

    /**
     * The lines with the {@code index}th blank-separated field of the entry (counted across its
     * physical lines) replaced, the blanks around it kept as they are.
     */
    static List<String> replaceField(List<String> lines, int index, String value) {
        List<String> out = new java.util.ArrayList<>(lines);
        int seen = 0;
        for (int n = 0; n < out.size(); n++) {
            String line = out.get(n);
            int i = 0;
            int len = TextLines.content(line).length();
            while (i < len) {
                while (i < len && isBlank(line.charAt(i))) {
                    i++;
                }
                if (i >= len) {
                    break;
                }
                int start = i;
                while (i < len && !isBlank(line.charAt(i))) {
                    i++;
                }
                if (seen++ == index) {
                    out.set(n, line.substring(0, start) + value + line.substring(i));
                    return out;
                }
            }
        }
        throw new IllegalArgumentException("inetd.conf entry has no field " + (index + 1));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
