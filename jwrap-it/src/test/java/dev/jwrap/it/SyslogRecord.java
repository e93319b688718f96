package dev.jwrap.it;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message a C tool sent to {@code /dev/log}, as glibc's {@code syslog(3)} formats it:
 * {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}; the time stamp is dropped.
 *
 * @param priority facility * 8 + severity (tcpdmatch logs at user.err and user.debug)
 * @param ident the program name glibc put in front
 * @param message the text, bytes mapped one to one to chars (ISO-8859-1)
 */
record SyslogRecord(int priority, String ident, String message) {

    private static final Pattern FORMAT =
            Pattern.compile("<(\\d{1,3})>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d ([^:\\[]*)(?:\\[\\d+\\])?: (.*)", Pattern.DOTALL);
    private static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    static SyslogRecord parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return new SyslogRecord(-1, "", text);
        }
        return new SyslogRecord(Integer.parseInt(m.group(1)), m.group(2), m.group(3));
    }

    String severityName() {
        return priority < 0 ? "?" : SEVERITIES[priority & 7];
    }

    @Override
    public String toString() {
        return severityName() + " " + ident + ": " + message;
    }
}
