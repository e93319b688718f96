package dev.jwrap.core.tools;

/**
 * The standard output of the C tools when it is a pipe or a file: text printed with stdio sits
 * in a 4096-byte buffer that is written out a full block at a time, while banner files are
 * written with write(2) at once. So a banner lands after the last full block printed so far,
 * usually before all the text (spec §7.3).
 *
 * <p>Text is kept as ISO-8859-1 chars, one per byte. Not thread-safe.
 */
final class BufferedStdout {

    /** glibc's buffer for a pipe or a regular file: st_blksize. */
    static final int BLOCK = 4096;

    private final StringBuilder written = new StringBuilder();
    private final StringBuilder buffered = new StringBuilder();

    /** printf/fputs. */
    void print(String text) {
        buffered.append(text);
    }

    /** write(2) to fd 1: glibc flushes a full buffer only when more text arrives, never early. */
    void write(String bytes) {
        int flushed = buffered.isEmpty() ? 0 : (buffered.length() - 1) / BLOCK * BLOCK;
        written.append(buffered, 0, flushed);
        buffered.delete(0, flushed);
        written.append(bytes);
    }

    /** Everything, in the order the bytes reach the file once the program exits. */
    String text() {
        return written.toString() + buffered;
    }
}
