package dev.jwrap.core;

import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.diag.DiagnosticListener;
import java.nio.file.Path;
import java.util.List;

/**
 * hosts.allow and hosts.deny compiled into an immutable, indexed matcher. Loading reads both
 * files once (and the {@code /file} pattern lists they name); deciding never reads or parses
 * them again. Decisions follow hosts_access(5) as tcp_wrappers 7.6 (Debian 7.6.q) implements
 * it: the allow table first, first matching rule wins, then the deny table, otherwise granted.
 *
 * <p>Thread-safe: share one policy between all connections; reload by loading a new one.
 */
public final class AccessPolicy {

    private AccessPolicy() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Loads {@code allow} and {@code deny}; problems are kept in {@link #diagnostics()}. */
    public static AccessPolicy load(TableFile allow, TableFile deny) {
        return load(allow, deny, DiagnosticListener.IGNORE);
    }

    /** Loads the tables, reporting problems as they are found as well. */
    public static AccessPolicy load(TableFile allow, TableFile deny, DiagnosticListener listener) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public static AccessPolicy load(Path allow, Path deny) {
        return load(TableFile.of(allow), TableFile.of(deny));
    }

    /** The system tables, {@code /etc/hosts.allow} and {@code /etc/hosts.deny}. */
    public static AccessPolicy loadSystem() {
        return load(TableFile.SYSTEM_ALLOW, TableFile.SYSTEM_DENY);
    }

    /** What was found wrong while loading (bad lines, unreadable files), in file order. */
    public List<Diagnostic> diagnostics() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Decides without side effects (options are validated and expanded, nothing is run). */
    public Decision decide(AccessRequest request) {
        return decide(request, OptionEffects.DRY_RUN);
    }

    /** Decides, carrying out the matched rule's options through {@code effects} as they come. */
    public Decision decide(AccessRequest request, OptionEffects effects) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
