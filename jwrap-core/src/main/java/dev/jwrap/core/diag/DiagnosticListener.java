package dev.jwrap.core.diag;

/** Receives diagnostics as they are found. Implementations decide where they go (log, list, stderr). */
@FunctionalInterface
public interface DiagnosticListener {

    void report(Diagnostic diagnostic);

    /** Drops everything. */
    DiagnosticListener IGNORE = d -> {};
}
