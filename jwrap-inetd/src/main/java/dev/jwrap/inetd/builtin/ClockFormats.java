package dev.jwrap.inetd.builtin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * The two clock replies: daytime's C {@code ctime()} line (RFC 867, spec §6.4) and time's RFC 868
 * 32-bit count of seconds since 1900 (spec §6.5). Stateless.
 */
public final class ClockFormats {

    /** Seconds from 1900-01-01 to 1970-01-01 (RFC 868). */
    public static final long EPOCH_OFFSET = 2_208_988_800L;

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private ClockFormats() {}

    /** {@code Mon Nov 23 06:41:05 2026\r\n}: the first 24 characters of ctime(), then CR LF. */
    public static byte[] daytime(ZonedDateTime t) {
        // built by hand: String.format costs more than the rest of a daytime connection
        StringBuilder text = new StringBuilder(26)
                .append(DAYS[t.getDayOfWeek().getValue() - 1]).append(' ')
                .append(MONTHS[t.getMonthValue() - 1]).append(' ');
        if (t.getDayOfMonth() < 10) {
            text.append(' ');
        }
        text.append(t.getDayOfMonth()).append(' ');
        twoDigits(text, t.getHour()).append(':');
        twoDigits(text, t.getMinute()).append(':');
        twoDigits(text, t.getSecond()).append(' ').append(t.getYear()).append("\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** Unix seconds + 2208988800, modulo 2^32, as 4 big-endian bytes. */
    public static byte[] time(Instant t) {
        long v = (t.getEpochSecond() + EPOCH_OFFSET) & 0xFFFF_FFFFL;
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
