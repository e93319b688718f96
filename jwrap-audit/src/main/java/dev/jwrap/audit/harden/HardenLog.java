package dev.jwrap.audit.harden;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a harden run tells the administrator: printed as it happens (the text output) and kept, by
 * kind, for the JSON output and the report's harden preview. Not thread-safe: one per run.
 */
final class HardenLog {

    private final PrintStream out;
    private final PrintStream err;
    private final List<HardenResult.FileDiff> changes = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final List<String> advice = new ArrayList<>();
    private final List<String> reload = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    HardenLog(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void note(String text) {
        notices.add(text);
        out.println("note: " + text);
    }

    /** A file's change as a unified diff ({@code existed}: whether the file was there before). */
    void diff(String path, boolean existed, String diff) {
        changes.add(new HardenResult.FileDiff("/" + path, existed, diff));
        out.print(diff);
    }

    void advice(String text) {
        advice.add(text);
        out.println(text);
    }

    /** A line about the reload; {@code text} starts with {@code reload: }. */
    void reload(String text) {
        reload.add(text);
        out.println(text);
    }

    /** Anything else worth saying: {@code nothing to do}, {@code restored /etc/inetd.conf}. */
    void message(String text) {
        messages.add(text);
        out.println(text);
    }

    /** A problem, one line on standard error. */
    void error(String text) {
        errors.add(text);
        err.println("jwrap harden: " + text);
    }

    HardenResult result(String root, String mode, int status) {
        return new HardenResult(root, mode, status, changes, notices, advice, reload, messages, errors);
    }
}
