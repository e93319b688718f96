package dev.jwrap.core.check;

import java.util.Objects;

/**
 * One problem found in an access-control configuration. Immutable.
 *
 * @param severity how much it matters
 * @param code what kind of problem it is
 * @param file the file it is in (the table's name as the tools print it), or null when it
 *     concerns no file
 * @param line the line (1-based; 0 when it concerns the whole file)
 * @param message what is wrong and what it does, in one sentence
 */
public record Finding(Severity severity, FindingCode code, String file, int line, String message) {

    /** Severities, mildest last. Only notes leave the exit status clean. */
    public enum Severity {
        /** The configuration does not do what it says (a rule is ignored, access is denied). */
        ERROR("error"),
        /** Probably a mistake, or a risk worth a look. */
        WARNING("warning"),
        /** Worth knowing; not a problem by itself. */
        NOTE("note");

        private final String word;

        Severity(String word) {
            this.word = word;
        }

        /** The word compilers print: error, warning, note. */
        public String word() {
            return word;
        }
    }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** Whether it makes the check fail (everything but notes). */
    public boolean counts() {
        return severity != Severity.NOTE;
    }

    /** Compiler style, {@code hosts.allow:3: warning: message [code]}, which editors can jump to. */
    public String toLocatedText() {
        String where = file == null ? "jwrap" : file + ":" + line;
        return where + ": " + severity.word() + ": " + message + " [" + code.id() + "]";
    }
}
