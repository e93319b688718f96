package dev.jwrap.core.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table file into logical lines exactly as tcp_wrappers 7.6.q's {@code xgets} does
 * (hosts_access(5) "continuation"; spec §1.3): physical lines are read with {@code fgets} into one
 * 2048-byte buffer; a backslash right before the newline joins the next physical line with no
 * blank in between; a line that fills the buffer (2047 bytes) is returned without its newline;
 * a NUL byte hides the rest of its physical line and glues the next one on.
 *
 * <p>Text is handled as ISO-8859-1 so that every byte is one char and lengths are byte counts.
 */
public final class TableReader {

    /** libwrap's line buffer (BUFLEN): at most 2047 characters plus the terminating NUL. */
    public static final int BUFFER_SIZE = 2048;

    private final byte[] data;
    private final int bufferSize;
    private int pos;
    private int lineCounter;

    private TableReader(byte[] data, int bufferSize) {
        this.data = data;
        this.bufferSize = bufferSize;
    }

    /** Reads every logical line of {@code content}. */
    public static List<LogicalLine> read(byte[] content) {
        return read(content, BUFFER_SIZE);
    }

    /**
     * Reads every logical line of {@code content} with a buffer of {@code bufferSize} bytes
     * (libwrap's inetd.conf reader uses stdio's BUFSIZ, 8192, instead of the tables' 2048).
     */
    public static List<LogicalLine> read(byte[] content, int bufferSize) {
        if (bufferSize < 2) {
            throw new IllegalArgumentException("buffer size must be at least 2, got " + bufferSize);
        }
        TableReader reader = new TableReader(content, bufferSize);
        List<LogicalLine> lines = new ArrayList<>();
        LogicalLine line;
        while ((line = reader.next()) != null) {
            lines.add(line);
        }
        return lines;
    }

    /** The next logical line, or null at end of file. */
    public LogicalLine next() {
        StringBuilder buf = new StringBuilder();
        int room = bufferSize;
        while (room > 1) {
            String chunk = fgets(room);
            if (chunk == null) {
                break;
            }
            int nul = chunk.indexOf('\0');
            String visible = nul < 0 ? chunk : chunk.substring(0, nul);
            int got = visible.length();
            if (got >= 1 && visible.charAt(got - 1) == '\n') {
                lineCounter++;
                if (got >= 2 && visible.charAt(got - 2) == '\\') {
                    got -= 2;
                } else {
                    buf.append(visible);
                    return new LogicalLine(buf.toString(), lineCounter);
                }
            }
            buf.append(visible, 0, got);
            room -= got;
        }
        return buf.isEmpty() ? null : new LogicalLine(buf.toString(), lineCounter);
    }

    /** The line counter so far (libwrap's {@code tcpd_context.line}). */
    public int lineCounter() {
        return lineCounter;
    }

    /** C {@code fgets(buf, size, fp)}: up to size-1 bytes, stopping after a newline; null at EOF. */
    private String fgets(int size) {
        if (pos >= data.length) {
            return null;
        }
        int end = pos;
        int limit = Math.min(data.length, pos + size - 1);
        while (end < limit) {
            if (data[end++] == '\n') {
                break;
            }
        }
        String s = new String(data, pos, end - pos, StandardCharsets.ISO_8859_1);
        pos = end;
        return s;
    }
}
