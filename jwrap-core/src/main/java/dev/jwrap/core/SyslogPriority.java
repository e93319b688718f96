package dev.jwrap.core;

import dev.jwrap.core.syntax.Ascii;
import java.util.Map;
import java.util.Optional;

/**
 * A syslog facility and level, as the {@code severity} option names them. Only the names
 * tcp_wrappers 7.6 knows are accepted (no {@code authpriv}, {@code warn}, {@code panic}, ...).
 *
 * @param facility the facility code shifted as in {@code <syslog.h>} ({@code LOG_DAEMON} = 3 << 3),
 *     or -1 when only a level was given and the logger's default facility applies
 * @param level the level code, 0 (emerg) to 7 (debug)
 */
public record SyslogPriority(int facility, int level) {

    public static final int LOG_DAEMON = 3 << 3;
    public static final SyslogPriority DEFAULT_ALLOW = new SyslogPriority(-1, 6);
    public static final SyslogPriority DEFAULT_DENY = new SyslogPriority(-1, 4);

    private static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("kern", 0 << 3),
            Map.entry("user", 1 << 3),
            Map.entry("mail", 2 << 3),
            Map.entry("daemon", 3 << 3),
            Map.entry("auth", 4 << 3),
            Map.entry("lpr", 6 << 3),
            Map.entry("news", 7 << 3),
            Map.entry("uucp", 8 << 3),
            Map.entry("cron", 9 << 3),
            Map.entry("local0", 16 << 3),
            Map.entry("local1", 17 << 3),
            Map.entry("local2", 18 << 3),
            Map.entry("local3", 19 << 3),
            Map.entry("local4", 20 << 3),
            Map.entry("local5", 21 << 3),
            Map.entry("local6", 22 << 3),
            Map.entry("local7", 23 << 3));

    private static final Map<String, Integer> LEVELS = Map.of(
            "emerg", 0, "alert", 1, "crit", 2, "err", 3, "warning", 4, "notice", 5, "info", 6, "debug", 7);

    private static final String[] LEVEL_NAMES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    /**
     * Parses {@code level} or {@code facility.level} (case-insensitive) the way libwrap's
     * {@code severity} option does.
     *
     * @return the priority, or empty when a name is not known
     */
    public static Optional<SyslogPriority> parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return level(text).map(level -> new SyslogPriority(-1, level));
        }
        Integer facility = FACILITIES.get(Ascii.lower(text.substring(0, dot)));
        if (facility == null) {
            return Optional.empty();
        }
        return level(text.substring(dot + 1)).map(level -> new SyslogPriority(facility, level));
    }

    private static Optional<Integer> level(String name) {
        return Optional.ofNullable(LEVELS.get(Ascii.lower(name)));
    }

    /** The priority with {@code defaultFacility} filled in when none was given. */
    public int code(int defaultFacility) {
        return (facility < 0 ? defaultFacility : facility) | level;
    }

    public String levelName() {
        return LEVEL_NAMES[level];
    }
}
