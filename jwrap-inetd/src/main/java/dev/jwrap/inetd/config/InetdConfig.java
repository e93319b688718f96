package dev.jwrap.inetd.config;

import dev.jwrap.core.diag.Diagnostic;
import java.util.List;

/**
 * A parsed inetd.conf: the entries that were accepted, in file order, and a message for every line
 * that was skipped or adjusted. Immutable.
 *
 * @param file the file name used in diagnostics
 * @param entries accepted entries (a later duplicate replaces an earlier one in place)
 * @param diagnostics warnings (entry kept) and errors (entry skipped), in file order
 */
public record InetdConfig(String file, List<ServiceEntry> entries, List<Diagnostic> diagnostics) {

    public InetdConfig {
        entries = List.copyOf(entries);
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when some line was skipped (what {@code jwrap inetd --check} reports with exit 1). */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }
}
