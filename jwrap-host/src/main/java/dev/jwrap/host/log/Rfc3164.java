package dev.jwrap.host.log;

import java.time.ZonedDateTime;

/**
 * The local form of an RFC 3164 message as glibc's syslog() sends it to /dev/log (no host name):
 * {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}, the day padded with a space
 * ({@code Nov  3}), English month names, local time. Stateless.
 */
final class Rfc3164 {

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private Rfc3164() {}

    /** {@code Mmm dd hh:mm:ss} of {@code time}. */
    static String timestamp(ZonedDateTime time) {
        return timestamp(time.getMonthValue() - 1, time.getDayOfMonth(), time.getHour(), time.getMinute(),
                time.getSecond());
    }

    /**
     * {@code Mmm dd hh:mm:ss}, written by hand: a DateTimeFormatter's month names come from the
     * JDK's locale data, whose loading cost jwrap tcpd's first log line ≈ 15 ms (docs/PERFORMANCE.md §9).
     *
     * @param month 0 for January
     */
    static String timestamp(int month, int day, int hour, int minute, int second) {
        StringBuilder text = new StringBuilder(15).append(MONTHS[month]).append(' ');
        if (day < 10) {
            text.append(' ');
        }
        text.append(day).append(' ');
        twoDigits(text, hour).append(':');
        twoDigits(text, minute).append(':');
        return twoDigits(text, second).toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    static String format(int priority, String timestamp, String ident, long pid, String message) {
        return "<" + priority + ">" + timestamp + " " + ident + "[" + pid + "]: " + message;
    }
}
