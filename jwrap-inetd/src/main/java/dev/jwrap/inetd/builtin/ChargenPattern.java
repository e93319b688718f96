package dev.jwrap.inetd.builtin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 864's character pattern as openbsd-inetd sends it (spec §6.3): the 95 printable ASCII
 * characters from space to {@code ~} form a ring; line n (from 0) is the 72 characters starting at
 * ring offset n mod 95, then CR LF — 74 bytes, repeating every 95 lines. Immutable.
 */
public final class ChargenPattern {

    /** Characters in the ring. */
    public static final int RING = 95;
    /** Characters per line before CR LF. */
    public static final int LINE_CHARS = 72;
    /** Bytes per line including CR LF. */
    public static final int LINE_BYTES = LINE_CHARS + 2;

    private final byte[] cycle;

    public ChargenPattern() {
        cycle = new byte[RING * LINE_BYTES];
        for (int line = 0; line < RING; line++) {
            for (int i = 0; i < LINE_CHARS; i++) {
                cycle[line * LINE_BYTES + i] = (byte) (' ' + (line + i) % RING);
            }
            cycle[line * LINE_BYTES + LINE_CHARS] = '\r';
            cycle[line * LINE_BYTES + LINE_CHARS + 1] = '\n';
        }
    }

    /** Line {@code n} (any n ≥ 0) with its CR LF. */
    public byte[] line(long n) {
        int start = (int) (n % RING) * LINE_BYTES;
        byte[] out = new byte[LINE_BYTES];
        System.arraycopy(cycle, start, out, 0, LINE_BYTES);
        return out;
    }

    /** Lines 0..94 back to back (7030 bytes), as a new read-only direct buffer. */
    ByteBuffer cycle() {
        return ByteBuffer.allocateDirect(cycle.length).put(cycle).flip().asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return new String(cycle, 0, LINE_CHARS, StandardCharsets.US_ASCII);
    }
}
