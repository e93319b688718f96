package dev.jwrap.core.source;

/**
 * One logical line of an access table, as libwrap's line reader returns it.
 *
 * @param text the joined text (ISO-8859-1, one char per byte), including the final newline when
 *     there is one
 * @param lineNumber libwrap's line counter after reading it: the number of newline-terminated
 *     physical lines read so far (so the last physical line of a continued rule, and not counting
 *     an unterminated or overlong line)
 */
public record LogicalLine(String text, int lineNumber) {

    /** Whether the line ended in a newline; if not, it was too long or the file's last line. */
    public boolean terminated() {
        return !text.isEmpty() && text.charAt(text.length() - 1) == '\n';
    }

    /** The text without its final newline. */
    public String withoutNewline() {
        return terminated() ? text.substring(0, text.length() - 1) : text;
    }
}
