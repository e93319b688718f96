package dev.jwrap.core.diag;

/**
 * One message about a table, a rule or a request, in the words tcp_wrappers uses.
 *
 * @param severity how serious it is
 * @param file the file being read when it was found, or null when no file was being read
 * @param line the line counter at that moment (libwrap's: the last newline-terminated physical
 *     line read), meaningful only when {@code file} is set
 * @param message the message text, without tag or location
 */
public record Diagnostic(Severity severity, String file, int line, String message) {

    /** Severities, each with the tag libwrap prints in front of the message. */
    public enum Severity {
        /** Reported, processing goes on (libwrap's {@code tcpd_warn}). */
        WARNING("warning"),
        /** Option errors: the rule's processing stops and access is denied (libwrap's {@code tcpd_jump}). */
        ERROR("error"),
        /** Verbose progress ({@code matched:} and {@code option:} lines). */
        DEBUG("");

        private final String tag;

        Severity(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    public static Diagnostic warning(String file, int line, String message) {
        return new Diagnostic(Severity.WARNING, file, line, message);
    }

    public static Diagnostic warning(String message) {
        return new Diagnostic(Severity.WARNING, null, 0, message);
    }

    public static Diagnostic error(String file, int line, String message) {
        return new Diagnostic(Severity.ERROR, file, line, message);
    }

    public boolean hasLocation() {
        return file != null;
    }

    /**
     * The line as Debian's libwrap sends it to syslog: {@code warning: hosts.allow, line 3: msg},
     * or {@code warning: msg} outside a file. Debug lines are the bare message.
     */
    public String toSyslogText() {
        if (severity == Severity.DEBUG) {
            return message;
        }
        return hasLocation()
                ? severity.tag() + ": " + file + ", line " + line + ": " + message
                : severity.tag() + ": " + message;
    }

    /** The compiler-style form, {@code hosts.allow:3: warning: msg}, that editors can jump to. */
    public String toLocatedText() {
        String tag = severity == Severity.DEBUG ? "debug" : severity.tag();
        return hasLocation() ? file + ":" + line + ": " + tag + ": " + message : tag + ": " + message;
    }
}
