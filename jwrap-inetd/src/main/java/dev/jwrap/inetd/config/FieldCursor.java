package dev.jwrap.inetd.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads inetd.conf fields the way openbsd-inetd's {@code nextline}/{@code skip} do (spec §2.1):
 * fields are runs of characters other than space and tab; when a line runs out while a field is
 * wanted and the <em>next</em> physical line starts with a space or tab, that line continues the
 * entry (even when its first non-blank character is {@code #}). A line whose first character is
 * {@code #} is a comment only where an entry could start. Not thread-safe.
 */
final class FieldCursor {

    /** openbsd-inetd's {@code fgets} buffer: longer physical lines are cut there. */
    static final int INETD_LINE_BUFFER = 1024;

    private final List<String> lines;
    private int nextLine;
    private String current;
    private int pos;
    private int entryLine;
    private final List<CommentLine> skipped = new ArrayList<>();

    FieldCursor(byte[] content) {
        this.lines = splitLines(new String(content, StandardCharsets.ISO_8859_1));
    }

    private static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                out.add(text.substring(start));
                break;
            }
            out.add(text.substring(start, nl));
            start = nl + 1;
        }
        return out;
    }

    /**
     * Moves to the next line that is not a column-1 comment and makes it the current entry line.
     *
     * @return false at end of file
     */
    boolean startEntry() {
        skipped.clear();
        while (nextLine < lines.size()) {
            String line = lines.get(nextLine++);
            if (line.startsWith("#")) {
                skipped.add(new CommentLine(nextLine, line));
            } else {
                current = line;
                pos = 0;
                entryLine = nextLine;
                return true;
            }
        }
        current = null;
        return false;
    }

    /** The 1-based number of the physical line the current entry started on. */
    int entryLine() {
        return entryLine;
    }

    /** The 1-based number of the physical line read last. */
    int lastLine() {
        return nextLine;
    }

    /** A column-1 comment line that starts with a given prefix, with its 1-based line number. */
    record CommentLine(int line, String text) {}

    /** Comment lines starting with {@code prefix} skipped by the last {@link #startEntry} call. */
    List<CommentLine> skippedComments(String prefix) {
        return skipped.stream().filter(c -> c.text().startsWith(prefix)).toList();
    }

    /** The 1-based numbers of physical lines longer than openbsd-inetd's buffer. */
    List<Integer> overlongLines() {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() + 1 > INETD_LINE_BUFFER - 1) {
                found.add(i + 1);
            }
        }
        return found;
    }

    /** The next field of the current entry, following continuation lines; null when the entry ends. */
    String field() {
        if (current == null) {
            return null;
        }
        while (true) {
            while (pos < current.length() && isBlank(current.charAt(pos))) {
                pos++;
            }
            if (pos < current.length()) {
                break;
            }
            if (nextLine < lines.size()
                    && !lines.get(nextLine).isEmpty()
                    && isBlank(lines.get(nextLine).charAt(0))) {
                current = lines.get(nextLine++);
                pos = 0;
                continue;
            }
            current = null;
            return null;
        }
        int start = pos;
        while (pos < current.length() && !isBlank(current.charAt(pos))) {
            pos++;
        }
        return current.substring(start, pos);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
