package dev.jwrap.core;

import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.match.AccessCheck;
import dev.jwrap.core.policy.AddressOnly;
import dev.jwrap.core.policy.PatternCompiler;
import dev.jwrap.core.policy.Table;
import dev.jwrap.core.policy.TableCompiler;
import dev.jwrap.core.policy.TableIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * hosts.allow and hosts.deny compiled into an immutable, indexed matcher. Loading reads both
 * files once (and the {@code /file} pattern lists they name); deciding never reads or parses
 * them again. Decisions follow hosts_access(5) as tcp_wrappers 7.6 (Debian 7.6.q) implements
 * it: the allow table first, first matching rule wins, then the deny table, otherwise granted.
 *
 * <pre>{@code
 * AccessPolicy policy = AccessPolicy.loadSystem();
 * Decision d = policy.decide(AccessRequest.builder()
 *         .daemon("sshd")
 *         .client((InetSocketAddress) socket.getRemoteSocketAddress())
 *         .server((InetSocketAddress) socket.getLocalSocketAddress())
 *         .services(services)
 *         .build());
 * if (!d.isGranted()) socket.close();
 * }</pre>
 *
 * <p>Thread-safe: share one policy between all connections; reload by loading a new one.
 */
public final class AccessPolicy {

    private final TableIndex allow;
    private final TableIndex deny;
    private final List<Diagnostic> diagnostics;
    private final boolean verbose;

    private AccessPolicy(TableIndex allow, TableIndex deny, List<Diagnostic> diagnostics, boolean verbose) {
        this.allow = allow;
        this.deny = deny;
        this.diagnostics = List.copyOf(diagnostics);
        this.verbose = verbose;
    }

    /** Loads {@code allow} and {@code deny}; problems are kept in {@link #diagnostics()}. */
    public static AccessPolicy load(TableFile allow, TableFile deny) {
        return load(allow, deny, DiagnosticListener.IGNORE);
    }

    /** Loads the tables, also reporting problems to {@code listener} as they are found. */
    public static AccessPolicy load(TableFile allow, TableFile deny, DiagnosticListener listener) {
        List<Diagnostic> found = new ArrayList<>();
        DiagnosticListener both = d -> {
            found.add(d);
            listener.report(d);
        };
        PatternCompiler patterns = new PatternCompiler(both);
        TableCompiler compiler = new TableCompiler(patterns, both);
        Table allowTable = compiler.compile(allow);
        Table denyTable = compiler.compile(deny);
        return new AccessPolicy(TableIndex.of(allowTable), TableIndex.of(denyTable), found, false);
    }

    public static AccessPolicy load(Path allow, Path deny) {
        return load(TableFile.of(allow), TableFile.of(deny));
    }

    /** The system tables, {@code /etc/hosts.allow} and {@code /etc/hosts.deny}. */
    public static AccessPolicy loadSystem() {
        return load(TableFile.SYSTEM_ALLOW, TableFile.SYSTEM_DENY);
    }

    /**
     * The same policy, reporting {@code matched:} and {@code option:} lines to each request's
     * diagnostics (libwrap's {@code hosts_access_verbose}).
     */
    public AccessPolicy verbose(boolean on) {
        return new AccessPolicy(allow, deny, diagnostics, on);
    }

    /** What was found wrong while loading (bad lines, unreadable files), in file order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The compiled allow table. */
    public Table allowTable() {
        return allow.table();
    }

    /** The compiled deny table. */
    public Table denyTable() {
        return deny.table();
    }

    /**
     * Whether every decision for {@code daemon} is made from the client and server addresses
     * alone: no rule that may apply to it needs a host or user name, and none has options beyond
     * {@code allow}, {@code deny}, {@code severity}, {@code keepalive} and {@code linger}. Then
     * {@link #decide} consults no {@link LookupServices} and runs no command or banner for it, so
     * a server may decide on a thread that must never wait. Conservative: false may be needlessly
     * cautious, true is always right.
     */
    public boolean decidesFromAddresses(String daemon) {
        return AddressOnly.decides(allow.table(), daemon) && AddressOnly.decides(deny.table(), daemon);
    }

    /** Decides without side effects (options are validated and expanded, nothing is run). */
    public Decision decide(AccessRequest request) {
        return decide(request, OptionEffects.DRY_RUN);
    }

    /**
     * Decides, carrying out the matched rule's options through {@code effects} as they come.
     *
     * @throws dev.jwrap.core.match.ExpansionTooLongException when a %-expansion overflows
     *     libwrap's buffer (tcpd gives no verdict then: it exits)
     */
    public Decision decide(AccessRequest request, OptionEffects effects) {
        return new AccessCheck(request, effects, verbose, true, AccessCheck.Trace.NONE).decide(allow, deny);
    }

    /**
     * Decides by evaluating every rule in order, without the index, reporting each evaluated
     * rule to {@code trace}. Same verdict as {@link #decide}; slower; for explanations and tests.
     */
    public Decision explain(AccessRequest request, OptionEffects effects, AccessCheck.Trace trace) {
        return new AccessCheck(request, effects, verbose, false, trace).decide(allow, deny);
    }
}
