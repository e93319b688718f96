package dev.jwrap.core.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * The field and list splitting rules of hosts_access(5) as libwrap applies them (spec §1.5,
 * §1.6): a bracket-aware search for a delimiter, and list tokenising at blanks and commas.
 */
public final class Fields {

    /** List separators of {@code list_match}: blank, tab, comma, CR, LF. */
    public static final String LIST_SEPARATORS = " \t,\r\n";

    private Fields() {}

    /**
     * Index of the first {@code delimiter} at bracket depth zero, or -1. The depth counts every
     * {@code [} up and every {@code ]} down (so an unbalanced bracket hides later delimiters), as
     * libwrap's {@code split_at} does.
     */
    public static int splitIndex(String s, int from, char delimiter) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (depth == 0 && c == delimiter) {
                return i;
            }
        }
        return -1;
    }

    /** Splits a list into tokens at runs of {@code separators}; empty tokens disappear. */
    public static List<String> tokens(String list, String separators) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = list.length();
        while (i < n) {
            while (i < n && separators.indexOf(list.charAt(i)) >= 0) {
                i++;
            }
            int start = i;
            while (i < n && separators.indexOf(list.charAt(i)) < 0) {
                i++;
            }
            if (i > start) {
                out.add(list.substring(start, i));
            }
        }
        return out;
    }

    /** {@link #tokens(String, String)} with the list separators. */
    public static List<String> tokens(String list) {
        return tokens(list, LIST_SEPARATORS);
    }

    /**
     * Splits an option text into fields at {@code :}; {@code \:} is a literal colon. Every field is
     * returned as written (not trimmed); an empty text has no fields.
     */
    public static List<String> optionFields(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        boolean pending = !text.isEmpty();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                cur.append(':');
                i += 2;
            } else if (c == ':') {
                fields.add(cur.toString());
                cur.setLength(0);
                i++;
                pending = i < text.length();
            } else {
                cur.append(c);
                i++;
            }
        }
        if (pending) {
            fields.add(cur.toString());
        }
        return fields;
    }

    /** C-locale {@code isspace} blanks used by {@code chop_string}: blank, tab, CR, LF. */
    public static String chop(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
