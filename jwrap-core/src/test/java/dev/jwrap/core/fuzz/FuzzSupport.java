package dev.jwrap.core.fuzz;

import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.core.policy.OptionStep;
import dev.jwrap.core.policy.PatternCompiler;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.Table;
import dev.jwrap.core.policy.TableCompiler;
import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.resolve.IdentClient;
import dev.jwrap.core.resolve.UserDatabase;
import dev.jwrap.core.source.LogicalLine;
import dev.jwrap.core.source.TableReader;
import dev.jwrap.core.syntax.Fields;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * What the fuzz tests share: the guard that keeps fuzzed tables away from the file system, table
 * compilation from bytes, and deterministic stand-ins for the name service, ident and the user
 * database, so a fuzzed check never touches the host.
 */
final class FuzzSupport {

    private FuzzSupport() {}

    /**
     * Whether compiling {@code table} may read a file: a list token that starts with {@code /}
     * is a {@code /file} pattern list, read at load time. Conservatively, in the daemon and
     * client fields of every logical line (split as the compiler splits them), any {@code /} at
     * the start or after a character other than a letter, digit, {@code .} or {@code ]} counts
     * (so {@code 10.0.0.0/8} and {@code [::1]/128} stay in play). Option fields are not
     * patterns; the one option that reads a file, {@code banners}, is checked separately.
     */
    static boolean mayReadFiles(byte[] table) {
        for (LogicalLine line : TableReader.read(table)) {
            String t = line.text();
            int colon = Fields.splitIndex(t, 0, ':');
            if (colon < 0) {
                continue;
            }
            int colon2 = Fields.splitIndex(t, colon + 1, ':');
            String patterns = colon2 < 0 ? t : t.substring(0, colon2);
            for (int i = patterns.indexOf('/'); i >= 0; i = patterns.indexOf('/', i + 1)) {
                if (i == 0 || !isPathNeighbour(patterns.charAt(i - 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPathNeighbour(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == ']';
    }

    /**
     * Whether a {@code banners} option could read outside the working directory: it reads
     * {@code dir/daemon}, so either part containing a {@code /}, or a directory containing a
     * {@code .}, could reach device files or Jazzer's path-traversal sentinel.
     */
    static boolean bannersMayEscape(List<Table> tables, String daemon) {
        for (Table t : tables) {
            for (Rule r : t.rules()) {
                if (!r.hasOptions()) {
                    continue;
                }
                for (OptionStep s : r.options()) {
                    if (s instanceof OptionStep.Banners b
                            && (b.value().indexOf('/') >= 0 || b.value().indexOf('.') >= 0 || daemon.indexOf('/') >= 0)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static Table compile(String name, byte[] content, DiagnosticListener diagnostics) {
        return new TableCompiler(new PatternCompiler(diagnostics), diagnostics).compile(name, content);
    }

    /** Effects that run nothing; {@code aclexec} "succeeds" for commands of even length. */
    static final OptionEffects EFFECTS = new OptionEffects() {
        @Override
        public boolean aclexec(String command) {
            return command.length() % 2 == 0;
        }

        @Override
        public String changeIdentity(UserDatabase.User user, UserDatabase.Group group) {
            return user != null && user.uid() % 3 == 0 ? "setuid(" + user.name() + "): Operation not permitted" : null;
        }
    };

    /**
     * A request from strings as {@code hosts_ctl} builds it, or — when {@code lookups} and the
     * address is a numeric literal — from a socket address, with name and user found on demand
     * through {@link #services}.
     */
    static AccessRequest request(String daemon, String name, String address, String user, int mode,
            DiagnosticListener diagnostics) {
        if ((mode & 1) != 0) {
            InetAddress client = literal(address);
            if (client != null) {
                return AccessRequest.builder()
                        .daemon(daemon)
                        .client(new InetSocketAddress(client, 40000 + (mode & 0xff)))
                        .server(new InetSocketAddress(InetAddress.getLoopbackAddress(), (mode & 2) != 0 ? 22 : 113))
                        .datagram((mode & 4) != 0)
                        .services(services(name, user, mode))
                        .diagnostics(diagnostics)
                        .build();
            }
        }
        return AccessRequest.builder()
                .daemon(daemon)
                .client(HostEndpoint.ofStrings(name, address))
                .user(user.isEmpty() ? AccessRequest.UNKNOWN : user)
                .diagnostics(diagnostics)
                .build();
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Answers every reverse lookup with {@code name} (none if empty); the forward lookup of it
     * confirms the asked-for address, a different one, or nothing, as {@code mode} says; ident
     * answers {@code user}; users and groups exist when their name has an even length.
     */
    static LookupServices services(String name, String user, int mode) {
        HostResolver resolver = new HostResolver() {
            private InetAddress asked;

            @Override
            public Optional<String> reverse(InetAddress address) {
                asked = address;
                return name.isEmpty() ? Optional.empty() : Optional.of(name);
            }

            @Override
            public Optional<ForwardLookup> forward(String host, Family family) {
                return switch ((mode >> 3) & 3) {
                    case 0 -> Optional.of(new ForwardLookup(host, List.of(asked)));
                    case 1 -> Optional.of(new ForwardLookup(host.toUpperCase(), List.of(asked)));
                    case 2 -> Optional.of(new ForwardLookup(null, List.of(InetAddress.getLoopbackAddress())));
                    default -> Optional.empty();
                };
            }

            @Override
            public boolean inNetgroup(String group, String host) {
                return (group.length() + host.length()) % 3 == 0;
            }
        };
        UserDatabase users = new UserDatabase() {
            @Override
            public Optional<User> user(String n) {
                return n.length() % 2 == 0 ? Optional.of(new User(n, n.length(), n.length(), "/nonexistent")) : Optional.empty();
            }

            @Override
            public Optional<Group> group(String n) {
                return n.length() % 2 == 0 ? Optional.of(new Group(n, n.length(), List.of())) : Optional.empty();
            }
        };
        String identAnswer = user.isEmpty() ? IdentClient.UNKNOWN : user.substring(0, Math.min(127, user.length()));
        return new LookupServices(resolver, (client, server, timeout) -> identAnswer, users);
    }
}
