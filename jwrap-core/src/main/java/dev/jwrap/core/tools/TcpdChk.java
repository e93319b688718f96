package dev.jwrap.core.tools;

import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.RuleRef;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.match.ExpansionTooLongException;
import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.core.policy.TableCompiler;
import dev.jwrap.core.resolve.UserDatabase;
import dev.jwrap.core.source.LogicalLine;
import dev.jwrap.core.source.TableReader;
import dev.jwrap.core.syntax.Fields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * tcpdchk(8) as Debian builds it (spec §8): examines every rule of both tables and the inetd.conf
 * entries and reports all it finds questionable, in the C tool's words, to a diagnostics listener
 * (Debian's tcpdchk sends them to syslog). With {@code -v} it also lists each rule on standard
 * output exactly as the C tool does.
 *
 * <p>Differences from the access check when reading a table, as in the C tool: a line without its
 * newline is only reported and reading goes on (the rest of an overlong line is read as the next
 * line); lists are split without treating CR as a separator.
 *
 * <p>One instance per run; not thread-safe.
 */
public final class TcpdChk {

    /**
     * What to run.
     *
     * @param implicitAllowCheck {@code -a}: warn about allow-table rules without an explicit verdict
     * @param allow the allow table ({@code -d}: ./hosts.allow)
     * @param deny the deny table
     * @param inetConf {@code -i}: the inetd.conf to read, or null for the default
     * @param verbose {@code -v}: list every rule on standard output
     * @param cwd the directory relative paths are taken from
     */
    public record Invocation(boolean implicitAllowCheck, TableFile allow, TableFile deny, String inetConf,
            boolean verbose, Path cwd) {

        /** The tables {@code tcpdchk} reads: ./hosts.allow and ./hosts.deny with {@code -d}, else /etc's. */
        public static Invocation of(boolean implicitAllowCheck, boolean tablesInCurrentDirectory, String inetConf,
                boolean verbose, Path cwd) {
            TableFile allow = tablesInCurrentDirectory
                    ? new TableFile("hosts.allow", cwd.resolve("hosts.allow"))
                    : TableFile.SYSTEM_ALLOW;
            TableFile deny = tablesInCurrentDirectory
                    ? new TableFile("hosts.deny", cwd.resolve("hosts.deny"))
                    : TableFile.SYSTEM_DENY;
            return new Invocation(implicitAllowCheck, allow, deny, inetConf, verbose, cwd);
        }
    }

    /**
     * One rule as {@code -v} lists it.
     *
     * @param daemons the daemon tokens as tcpdchk splits them
     * @param clients the client tokens
     * @param granted what {@code access:} says
     */
    public record RuleListing(String file, int line, List<String> daemons, List<String> clients, boolean granted) {
        public RuleListing {
            daemons = List.copyOf(daemons);
            clients = List.copyOf(clients);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param text standard output (ISO-8859-1 chars, one per byte): the {@code -v} listing and banners
     * @param rules every rule examined, in order
     * @param inetd what was read from inetd.conf
     * @param unreadableTables tables that exist but could not be read
     * @param error the message the C tool prints on stderr before exiting with 1 (unreadable {@code -i}), or null
     * @param complete false when a %-expansion overflowed and the C tool would have exited there
     */
    public record Result(String text, List<RuleListing> rules, InetdConf.Loaded inetd, List<String> unreadableTables,
            String error, boolean complete) {
        public Result {
            rules = List.copyOf(rules);
            unreadableTables = List.copyOf(unreadableTables);
        }

        /** The C tool's exit status: 1 only for an unreadable {@code -i} file. */
        public int exitStatus() {
            return error == null ? 0 : 1;
        }
    }

    /**
     * Daemons linked with libwrap that are never started by inetd: Debian registers them as
     * wrapped (its "tcpdchk_libwrapped" patch), after reading inetd.conf.
     */
    static final List<String> LIBWRAP_DAEMONS = List.of("portmap", "mountd", "statd", "ugidd", "redir", "rlinetd",
            "sshd", "atftpd", "diald", "esound", "gdm", "gnome-session", "icecast", "icecast_admin", "icecast_client",
            "icecast_source", "mysqld", "ntop", "pptpd", "rquotad", "sendmail", "smail");

    private final LookupServices services;
    private final ToolEnvironment env;
    private final DryRunIdentity identity;
    private final ToolContext context;
    private final BufferedStdout stdout = new BufferedStdout();
    private final List<RuleListing> rules = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final OptionDryRun options = new OptionDryRun();

    public TcpdChk(LookupServices services, DiagnosticListener diagnostics) {
        this(services, diagnostics, ToolEnvironment.SYSTEM, DryRunIdentity.ofCurrentProcess());
    }

    public TcpdChk(LookupServices services, DiagnosticListener diagnostics, ToolEnvironment env) {
        this(services, diagnostics, env, DryRunIdentity.ofCurrentProcess());
    }

    TcpdChk(LookupServices services, DiagnosticListener diagnostics, ToolEnvironment env, DryRunIdentity identity) {
        this.services = new LookupServices(new CachingResolver(services.resolver()), services.ident(), services.users());
        this.env = env;
        this.identity = identity;
        this.context = new ToolContext(diagnostics);
    }

    /** Runs tcpdchk. */
    public Result run(Invocation inv) {
        PathCheck paths = new PathCheck(env.probe(), inv.cwd(), context);
        PathProbe.Status daemonDir = paths.check(env.realDaemonDir());
        if (!daemonDir.exists()) {
            context.warn("REAL_DAEMON_DIR " + env.realDaemonDir() + ": " + daemonDir.error());
        } else if (!daemonDir.isDirectory()) {
            context.warn("REAL_DAEMON_DIR " + env.realDaemonDir() + " is not a directory");
        }
        InetdConf.Loaded inetd = new InetdConf(env, inv.cwd(), context).load(inv.inetConf());
        if (inetd.openError() != null) {
            return new Result("", List.of(), inetd, List.of(), inetd.openError(), true);
        }
        if (inv.verbose()) {
            stdout.print("Using network configuration file: " + inetd.displayName() + "\n");
        }
        ServiceRegistry registry = new ServiceRegistry();
        registry.setAll(inetd.entries());
        LIBWRAP_DAEMONS.forEach(d -> registry.set(d, InetdConf.Wrapping.WRAPPED));
        paths.check(inv.allow().name());
        paths.check(inv.deny().name());

        AccessRequest request = fakeRequest();
        RuleChecker checker = new RuleChecker(context,
                new HostChecker(context, services.resolver(), inv.cwd()), registry, inetd.displayName());
        boolean complete = table(inv, inv.allow(), true, checker, request) && table(inv, inv.deny(), false, checker, request);
        return new Result(stdout.text(), rules, inetd, unreadable, null, complete);
    }

    /** tcpdchk's arbitrary request: every field a placeholder word, nothing to look up. */
    private AccessRequest fakeRequest() {
        DiagnosticListener toContext = context.listener();
        return AccessRequest.builder()
                .daemon("daemon_name")
                .server(HostEndpoint.ofStrings("server_hostname", "server_addr"))
                .client(HostEndpoint.ofStrings("client_hostname", "client_addr"))
                .user("user_name")
                .services(services)
                // the engine's "matched:" line belongs to access checks, not to tcpdchk
                .diagnostics(d -> {
                    if (d.severity() != Diagnostic.Severity.DEBUG || !d.message().startsWith("matched:")) {
                        toContext.report(d);
                    }
                })
                .build();
    }

    /** parse_table: every rule of one table; false when the run ended early. */
    private boolean table(Invocation inv, TableFile table, boolean allowTable, RuleChecker checker,
            AccessRequest request) {
        byte[] content = read(table);
        if (content == null) {
            return true;
        }
        ToolContext.Where saved = context.save();
        context.enter(table.name());
        try {
            for (LogicalLine line : TableReader.read(content)) {
                context.line(line.lineNumber());
                if (!rule(inv, table.name(), line, allowTable, checker, request)) {
                    return false;
                }
            }
            return true;
        } finally {
            context.restore(saved);
        }
    }

    private boolean rule(Invocation inv, String file, LogicalLine line, boolean allowTable, RuleChecker checker,
            AccessRequest request) {
        if (!line.terminated()) {
            context.warn("missing newline or line too long");
            return true;
        }
        String text = line.text();
        if (TableCompiler.isCommentOrBlank(text)) {
            return true;
        }
        int colon = Fields.splitIndex(text, 0, ':');
        if (colon < 0) {
            context.warn("missing \":\" separator");
            return true;
        }
        String daemons = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        int colon2 = Fields.splitIndex(rest, 0, ':');
        String clients = colon2 < 0 ? rest : rest.substring(0, colon2);
        if (inv.verbose()) {
            stdout.print("\n>>> Rule " + file + " line " + line.lineNumber() + ":\n");
            stdout.print("daemons:  " + String.join(" ", RuleChecker.tokens(daemons)) + "\n");
        }
        checker.checkDaemonList(daemons);
        if (inv.verbose()) {
            stdout.print("clients:  " + String.join(" ", RuleChecker.tokens(clients)) + "\n");
        }
        checker.checkClientList(clients);
        boolean granted = allowTable;
        if (colon2 >= 0) {
            RuleRef ref = new RuleRef(file, line.lineNumber(), line.withoutNewline());
            try {
                OptionDryRun.Outcome outcome =
                        options.run(ref, rest.substring(colon2 + 1), allowTable, request, effects(), inv.verbose());
                granted = outcome.granted();
                if (outcome.implicitAllow() && inv.implicitAllowCheck()) {
                    context.warn("implicit \"allow\" at end of rule");
                }
            } catch (ExpansionTooLongException e) {
                context.warn(e.getMessage()); // the C tool sleeps and exits here
                return false;
            }
        } else if (allowTable && inv.implicitAllowCheck()) {
            context.warn("implicit \"allow\" at end of rule");
        }
        if (inv.verbose()) {
            stdout.print("access:   " + (granted ? "granted" : "denied") + "\n");
        }
        rules.add(new RuleListing(file, line.lineNumber(), RuleChecker.tokens(daemons), RuleChecker.tokens(clients), granted));
        return true;
    }

    /** The table's bytes; null when it is missing (silently) or cannot be read (reported). */
    private byte[] read(TableFile table) {
        try {
            return Files.isDirectory(table.path()) ? new byte[0] : Files.readAllBytes(table.path());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            context.warn("cannot open " + table.name() + ": " + Strerror.of(e));
            unreadable.add(table.name());
            return null;
        }
    }

    private OptionEffects effects() {
        return new OptionEffects() {
            @Override
            public void banner(byte[] bytes) {
                stdout.write(new String(bytes, StandardCharsets.ISO_8859_1));
            }

            @Override
            public String changeIdentity(UserDatabase.User user, UserDatabase.Group group) {
                return identity.changeIdentity(user, group);
            }
        };
    }
}
