package dev.jwrap.core.policy;

import dev.jwrap.core.SyslogPriority;

/**
 * One option of a rule's option field (hosts_options(5)), parsed and validated as far as that
 * can be done without a request. Options run in order when their rule matches; a
 * {@link Failure} stops the rule there and denies access.
 */
public sealed interface OptionStep {

    /** The keyword as written. */
    String keyword();

    /** The value as written (before %-expansion), or null when none was given. */
    String value();

    /** {@code allow}: grant now. */
    record Allow(String keyword, String value) implements OptionStep {}

    /** {@code deny}: deny now. */
    record Deny(String keyword, String value) implements OptionStep {}

    /** {@code spawn cmd}: run a shell command beside the service. */
    record Spawn(String keyword, String value) implements OptionStep {}

    /** {@code twist cmd}: replace the service by a shell command. */
    record Twist(String keyword, String value) implements OptionStep {}

    /** {@code aclexec cmd} (Debian): a shell command whose failure un-matches the rule. */
    record Aclexec(String keyword, String value) implements OptionStep {}

    /** {@code setenv name value}. */
    record Setenv(String keyword, String value) implements OptionStep {}

    /** {@code banners dir}: send {@code dir/daemon} to the client. */
    record Banners(String keyword, String value) implements OptionStep {}

    /** {@code keepalive}. */
    record Keepalive(String keyword, String value) implements OptionStep {}

    /** {@code linger seconds}. */
    record Linger(String keyword, String value, int seconds) implements OptionStep {}

    /** {@code nice [increment]} (default 10). */
    record Nice(String keyword, String value, int increment) implements OptionStep {}

    /** {@code umask octal}. */
    record Umask(String keyword, String value, int mask) implements OptionStep {}

    /** {@code rfc931 [timeout]}: ident lookup now, with this timeout in seconds (0 = keep). */
    record Rfc931(String keyword, String value, int timeoutSeconds) implements OptionStep {}

    /** {@code severity [facility.]level}. */
    record Severity(String keyword, String value, SyslogPriority priority) implements OptionStep {}

    /** {@code user name[.group]}: looked up when the rule runs. */
    record User(String keyword, String value, String user, String group) implements OptionStep {}

    /** {@code group name}: looked up when the rule runs. */
    record Group(String keyword, String value, String group) implements OptionStep {}

    /**
     * A fatal error at this point of the option field (the message libwrap reports).
     *
     * @param valueRejected whether a known option rejected its value: libwrap has then already
     *     logged the {@code option:} line, as it validates values only when it runs the option
     */
    record Failure(String keyword, String value, String message, boolean valueRejected) implements OptionStep {

        /** A syntax error, found before the option runs (no {@code option:} line). */
        public Failure(String keyword, String value, String message) {
            this(keyword, value, message, false);
        }

        /** A value the option rejects when it runs. */
        public static Failure ofValue(String keyword, String value, String message) {
            return new Failure(keyword, value, message, true);
        }
    }
}
