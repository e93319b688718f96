package dev.jwrap.host.log;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The local form of an RFC 3164 message as glibc's syslog() sends it to /dev/log (no host name):
 * {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}, the day padded with a space
 * ({@code Nov  3}), English month names, local time. Stateless.
 */
final class Rfc3164 {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private Rfc3164() {}

    /** {@code Mmm dd hh:mm:ss} of {@code time}. */
    static String timestamp(ZonedDateTime time) {
        return TIMESTAMP.format(time);
    }

    static String format(int priority, String timestamp, String ident, long pid, String message) {
        return "<" + priority + ">" + timestamp + " " + ident + "[" + pid + "]: " + message;
    }
}
