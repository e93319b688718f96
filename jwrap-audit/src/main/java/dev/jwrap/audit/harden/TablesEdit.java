package dev.jwrap.audit.harden;

import java.time.LocalDate;
import java.util.List;

/**
 * Appends to hosts.deny and hosts.allow (spec §5.3): each addition is a marker comment and one
 * rule, after the existing text (a newline first when the file does not end with one). Existing
 * rules are never rewritten or reordered. Pure functions.
 */
final class TablesEdit {

    private TablesEdit() {}

    /** hosts.deny with the default deny appended. */
    static String defaultDeny(String text, LocalDate date) {
        return append(text, "# added by jwrap harden " + date + ": default deny; allowed clients are in hosts.allow",
                "ALL: ALL");
    }

    /** hosts.allow with {@code daemon: client...} appended. */
    static String allow(String text, String daemon, List<String> clients, String reason, LocalDate date) {
        return append(text, "# added by jwrap harden " + date + ": " + reason, daemon + ": " + String.join(" ", clients));
    }

    private static String append(String text, String marker, String rule) {
        String end = TextLines.lineEnd(text);
        StringBuilder out = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.append(end);
        }
        return out.append(marker).append(end).append(rule).append(end).toString();
    }
}
