package dev.jwrap.audit.harden;

import java.util.ArrayList;
import java.util.List;

/**
 * A file's text as physical lines that keep their own line ends ({@code \n}, {@code \r\n}, or none
 * for a last line without newline), so that an edit changes only what it means to change.
 * Characters are bytes (ISO-8859-1), so any file round-trips byte for byte.
 */
final class TextLines {

    private TextLines() {}

    /** The lines, each with its terminator. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    /** The line end the file uses (the first one found), {@code \n} when it has none. */
    static String lineEnd(String text) {
        int nl = text.indexOf('\n');
        return nl > 0 && text.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
    }

    /** A line without its terminator. */
    static String content(String line) {
        if (line.endsWith("\r\n")) {
            return line.substring(0, line.length() - 2);
        }
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }
}
