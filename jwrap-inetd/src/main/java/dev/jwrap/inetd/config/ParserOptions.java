package dev.jwrap.inetd.config;

/**
 * Settings that change how inetd.conf is read.
 *
 * @param defaultMaxPerMinute the invocation limit for lines without {@code .max} ({@code -R}, default 256)
 * @param tcpmuxEnabled whether {@code tcpmux ... internal} and {@code tcpmux/NAME} lines are accepted
 *     (openbsd-inetd has no TCPMUX, so it is off by default)
 */
public record ParserOptions(int defaultMaxPerMinute, boolean tcpmuxEnabled) {

    /** openbsd-inetd's default {@code -R} value. */
    public static final int DEFAULT_MAX_PER_MINUTE = 256;

    /** The defaults: 256 per minute, no TCPMUX. */
    public static final ParserOptions DEFAULTS = new ParserOptions(DEFAULT_MAX_PER_MINUTE, false);

    public ParserOptions {
        if (defaultMaxPerMinute < 1) {
            throw new IllegalArgumentException("defaultMaxPerMinute must be at least 1, not " + defaultMaxPerMinute);
        }
    }

    public ParserOptions withTcpmux(boolean enabled) {
        return new ParserOptions(defaultMaxPerMinute, enabled);
    }
}
