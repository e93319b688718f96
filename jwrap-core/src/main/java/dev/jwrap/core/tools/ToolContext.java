package dev.jwrap.core.tools;

import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.diag.DiagnosticListener;

/**
 * libwrap's {@code tcpd_context}: the file and line the tool is reading. Every warning issued
 * while a file is being read carries that location — also the ones raised deep inside the engine
 * (name lookups, %-expansions), which is why {@link #listener()} stamps it on diagnostics that
 * arrive without one.
 *
 * <p>Not thread-safe: one per tool run.
 */
final class ToolContext {

    /** A saved location, to restore after reading a nested file. */
    record Where(String file, int line) {}

    private final DiagnosticListener out;
    private String file;
    private int line;

    ToolContext(DiagnosticListener out) {
        this.out = out;
    }

    Where save() {
        return new Where(file, line);
    }

    void restore(Where where) {
        this.file = where.file();
        this.line = where.line();
    }

    /** Starts reading {@code file} (null: no file, messages carry no location). */
    void enter(String file) {
        this.file = file;
        this.line = 0;
    }

    void line(int line) {
        this.line = line;
    }

    String file() {
        return file;
    }

    /** {@code tcpd_warn}. */
    void warn(String message) {
        out.report(Diagnostic.warning(file, line, message));
    }

    /** A listener that gives location-less warnings and errors the current location. */
    DiagnosticListener listener() {
        return d -> out.report(d.hasLocation() || file == null || d.severity() == Diagnostic.Severity.DEBUG
                ? d
                : new Diagnostic(d.severity(), file, line, d.message()));
    }
}
