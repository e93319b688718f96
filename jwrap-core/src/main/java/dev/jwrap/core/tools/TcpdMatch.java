package dev.jwrap.core.tools;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.match.AccessCheck;
import dev.jwrap.core.match.ExpansionTooLongException;
import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.core.match.InetLiterals;
import dev.jwrap.core.match.PercentExpander;
import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.resolve.IdentClient;
import dev.jwrap.core.resolve.UserDatabase;
import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.syntax.Fields;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * tcpdmatch(8) as Debian builds it (spec §7): predicts how the tables answer a request for
 * {@code daemon[@server] [user@]client}, printing one block per client address. Everything
 * Debian's build sends to syslog is reported to the diagnostics listener in the same words.
 *
 * <p>One instance per run; not thread-safe.
 */
public final class TcpdMatch {

    /**
     * What to run.
     *
     * @param tablesInCurrentDirectory {@code -d}: ./hosts.allow and ./hosts.deny
     * @param inetConf {@code -i}: the inetd.conf to read, or null for /etc/inetd.conf
     * @param daemonArgument {@code daemon[@server]}
     * @param clientArgument {@code [user@]client}
     * @param cwd the directory relative paths are taken from
     * @param explain record every rule evaluated and why it did or did not match (rules are then
     *     evaluated in order, without the index)
     */
    public record Invocation(boolean tablesInCurrentDirectory, String inetConf, String daemonArgument,
            String clientArgument, Path cwd, boolean explain) {

        public Invocation(boolean tablesInCurrentDirectory, String inetConf, String daemonArgument,
                String clientArgument, Path cwd) {
            this(tablesInCurrentDirectory, inetConf, daemonArgument, clientArgument, cwd, false);
        }
    }

    /**
     * One address block of the answer.
     *
     * @param fields the client/server lines as key/value pairs
     * @param decision the verdict, or null when an expansion overflowed
     * @param explanation with {@code explain}: one line per rule evaluated, else empty
     */
    public record Block(List<String[]> fields, Decision decision, List<String> explanation) {}

    /** The whole answer: banner bytes, blocks, the text tcpdmatch prints, and the exit status. */
    public record Result(byte[] banners, List<Block> blocks, String text, int exitStatus, String error) {}

    private final LookupServices services;
    private final DiagnosticListener diagnostics;
    private final ByteArrayOutputStream banners = new ByteArrayOutputStream();
    private final DryRunIdentity identity;
    private final ToolEnvironment env;

    public TcpdMatch(LookupServices services, DiagnosticListener diagnostics) {
        this(services, diagnostics, ToolEnvironment.SYSTEM);
    }

    /** A tcpdmatch that looks at {@code env} for inetd.conf and the files it names. */
    public TcpdMatch(LookupServices services, DiagnosticListener diagnostics, ToolEnvironment env) {
        this(services, diagnostics, DryRunIdentity.ofCurrentProcess(), env);
    }

    TcpdMatch(LookupServices services, DiagnosticListener diagnostics, DryRunIdentity identity) {
        this(services, diagnostics, identity, ToolEnvironment.SYSTEM);
    }

    TcpdMatch(LookupServices services, DiagnosticListener diagnostics, DryRunIdentity identity, ToolEnvironment env) {
        // tcpdmatch never asks an ident server: its stub answers "unknown"
        this.services = new LookupServices(services.resolver(), IdentClient.NONE, services.users());
        this.diagnostics = diagnostics;
        this.identity = identity;
        this.env = env;
    }

    /** Runs tcpdmatch. */
    public Result run(Invocation inv) {
        String daemonArg = inv.daemonArgument();
        int at = Fields.splitIndex(daemonArg, 0, '@');
        String daemon = at < 0 ? daemonArg : daemonArg.substring(0, at);
        String server = at < 0 ? AccessRequest.UNKNOWN : daemonArg.substring(at + 1);
        if (daemon.startsWith("/")) {
            String normalized = daemon.substring(daemon.lastIndexOf('/') + 1);
            diagnostics.report(Diagnostic.warning(daemon + ": daemon name normalized to: " + normalized));
            daemon = normalized;
        }
        String clientArg = inv.clientArgument();
        int cat = Fields.splitIndex(clientArg, 0, '@');
        String user = cat < 0 ? AccessRequest.UNKNOWN : clientArg.substring(0, cat);
        String client = cat < 0 ? clientArg : clientArg.substring(cat + 1);

        TableFile allow = inv.tablesInCurrentDirectory()
                ? new TableFile("hosts.allow", inv.cwd().resolve("hosts.allow"))
                : TableFile.SYSTEM_ALLOW;
        TableFile deny = inv.tablesInCurrentDirectory()
                ? new TableFile("hosts.deny", inv.cwd().resolve("hosts.deny"))
                : TableFile.SYSTEM_DENY;
        String inetdProblem = checkInetd(inv, daemon, allow, deny);
        if (inetdProblem != null) {
            return failure(inetdProblem);
        }

        HostEndpoint serverEndpoint;
        if (Ascii.equalsIgnoreCase(server, HostEndpoint.UNKNOWN) || Ascii.equalsIgnoreCase(server, HostEndpoint.PARANOID)) {
            serverEndpoint = HostEndpoint.ofStrings(server, null);
        } else {
            Optional<List<InetAddress>> addrs = resolve(server);
            if (addrs.isEmpty()) {
                return failure(null);
            }
            if (addrs.get().size() > 1) {
                return failure("Error: " + server + " has more than one address\nPlease specify an address instead");
            }
            serverEndpoint = HostEndpoint.ofSocket(new InetSocketAddress(addrs.get().getFirst(), 0));
        }

        List<HostEndpoint> clients = new ArrayList<>();
        if (InetLiterals.isDotQuad(client) || isNumericV6(client)) {
            clients.add(HostEndpoint.ofStrings(null, client));
        } else if (Ascii.equalsIgnoreCase(client, HostEndpoint.UNKNOWN) || Ascii.equalsIgnoreCase(client, HostEndpoint.PARANOID)) {
            clients.add(HostEndpoint.ofStrings(client, null));
        } else {
            Optional<List<InetAddress>> addrs = resolve(client);
            if (addrs.isEmpty()) {
                return failure(null);
            }
            for (InetAddress a : addrs.get()) {
                InetSocketAddress sa = new InetSocketAddress(a, 0);
                clients.add(a instanceof Inet6Address v6 && v6.isLinkLocalAddress()
                        ? HostEndpoint.ofSocketWithoutName(sa)
                        : HostEndpoint.ofSocket(sa));
            }
        }

        StringBuilder text = new StringBuilder();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            AccessRequest request = AccessRequest.builder()
                    .daemon(daemon)
                    .client(clients.get(i))
                    .server(serverEndpoint)
                    .user(user)
                    .services(services)
                    .diagnostics(diagnostics)
                    .build();
            List<String[]> fields = display(request, text);
            List<String> explanation = new ArrayList<>();
            try {
                // libwrap re-reads the tables for every check; so do we, per block
                AccessPolicy policy = AccessPolicy.load(allow, deny, diagnostics).verbose(true);
                Decision decision = inv.explain()
                        ? policy.explain(request, effects(), explainer(explanation))
                        : policy.decide(request, effects());
                text.append("access:   ").append(decision.verdict().word()).append('\n');
                blocks.add(new Block(fields, decision, explanation));
            } catch (ExpansionTooLongException e) {
                diagnostics.report(Diagnostic.warning(e.getMessage()));
                blocks.add(new Block(fields, null, explanation));
                return new Result(banners.toByteArray(), blocks, text.toString(), 0, null);
            }
        }
        return new Result(banners.toByteArray(), blocks, text.toString(), 0, null);
    }

    /**
     * What tcpdmatch learns from inetd.conf (spec §7.2 step 3): whether the daemon is a service it
     * knows, and started through tcpd. Reading the file also reports its questionable entries;
     * then the tables' paths are checked for world-writable components.
     *
     * @return the message for an inetd.conf given with -i that cannot be opened, else null
     */
    private String checkInetd(Invocation inv, String daemon, TableFile allow, TableFile deny) {
        ToolContext context = new ToolContext(diagnostics);
        InetdConf.Loaded inetd = new InetdConf(env, inv.cwd(), context).load(inv.inetConf());
        if (inetd.openError() != null) {
            return inetd.openError();
        }
        ServiceRegistry registry = new ServiceRegistry();
        registry.setAll(inetd.entries());
        // not started by inetd, and they may have access control of their own
        registry.set("portmap", InetdConf.Wrapping.NOT_WRAPPED);
        registry.set("rpcbind", InetdConf.Wrapping.NOT_WRAPPED);
        InetdConf.Wrapping wrapping = registry.get(daemon);
        if (wrapping == null) {
            context.warn(daemon + ": no such process name in " + inetd.displayName());
        } else if (wrapping == InetdConf.Wrapping.NOT_WRAPPED) {
            context.warn(daemon + ": service possibly not wrapped");
        }
        PathCheck paths = new PathCheck(env.probe(), inv.cwd(), context);
        paths.check(allow.name());
        paths.check(deny.name());
        return null;
    }

    /** The client and server lines; every value goes through %-expansion, as in tcpdmatch. */
    private static List<String[]> display(AccessRequest r, StringBuilder text) {
        List<String[]> fields = new ArrayList<>();
        line(fields, text, "client:   hostname ", "client.hostname", PercentExpander.expand("%n", r));
        line(fields, text, "client:   address  ", "client.address", PercentExpander.expand("%a", r));
        line(fields, text, "client:   username ", "client.username", PercentExpander.expand("%u", r));
        line(fields, text, "server:   hostname ", "server.hostname", PercentExpander.expand("%N", r));
        line(fields, text, "server:   address  ", "server.address", PercentExpander.expand("%A", r));
        line(fields, text, "server:   process  ", "server.process", PercentExpander.expand("%d", r));
        return fields;
    }

    private static void line(List<String[]> fields, StringBuilder text, String label, String key, String value) {
        if (!Ascii.equalsIgnoreCase(value, HostEndpoint.UNKNOWN)) {
            text.append(label).append(value).append('\n');
            fields.add(new String[] {key, value});
        }
    }

    private static AccessCheck.Trace explainer(List<String> sink) {
        return (rule, daemons, clients) -> sink.add(rule.ref().file() + " line " + rule.ref().line() + ": \""
                + rule.ref().text() + "\": "
                + (!daemons ? "daemon list does not match" : clients ? "matched" : "client list does not match"));
    }

    private OptionEffects effects() {
        return new OptionEffects() {
            @Override
            public void banner(byte[] bytes) {
                banners.writeBytes(bytes);
            }

            @Override
            public String changeIdentity(UserDatabase.User user, UserDatabase.Group group) {
                return identity.changeIdentity(user, group);
            }
        };
    }

    /** Resolves a host argument: numeric first, then by name; reports failures like tcpdmatch. */
    private Optional<List<InetAddress>> resolve(String host) {
        Optional<HostResolver.ForwardLookup> answer = services.resolver().forward(host, HostResolver.Family.ANY);
        if (answer.isEmpty()) {
            diagnostics.report(Diagnostic.warning(host + ": host not found"));
            return Optional.empty();
        }
        String canon = answer.get().canonicalName();
        if (canon != null && !Ascii.equalsIgnoreCase(canon, host) && !looksNumeric(host)) {
            diagnostics.report(Diagnostic.warning(host + ": hostname alias"));
            diagnostics.report(Diagnostic.warning("(official name: " + canon + ")"));
        }
        return Optional.of(answer.get().addresses());
    }

    private static boolean looksNumeric(String host) {
        return InetLiterals.inetAton(host) >= 0 || isNumericV6(host);
    }

    static boolean isNumericV6(String s) {
        return InetLiterals.parseV6IgnoringScope(s) != null;
    }

    private Result failure(String stderr) {
        return new Result(banners.toByteArray(), List.of(), "", 1, stderr);
    }

}
