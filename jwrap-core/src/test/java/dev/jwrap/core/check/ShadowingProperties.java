package dev.jwrap.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.match.AccessCheck;
import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.core.match.RuleMatcher;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.PatternCompiler;
import dev.jwrap.core.policy.TableCompiler;
import dev.jwrap.core.policy.TableIndex;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The shadowing analysis never cries wolf: a rule it reports (shadowed or unmatchable) decides no
 * request, and removing it changes no decision — checked on random policies and random requests,
 * with aclexec commands that fail for some requests.
 */
class ShadowingProperties {

    private static final List<String> DAEMONS = List.of(
            "ALL", "sshd", "in.ftpd", "s*", "in.*", "KNOWN", "23", "0", "sshd@192.0.2.0/24", "sshd@192.0.2.1",
            "ALL@192.0.2.", "in.ftpd@KNOWN", "unknown");

    private static final List<String> CLIENTS = List.of(
            "ALL", "*", "192.0.2.0/24", "192.0.2.128/25", "192.0.2.0/255.255.255.128", "192.0.2.5", "192.0.2.",
            "192.0.", "10.0.0.0/8", "10.1.2.3", "0300.0.2.5", ".example.test", ".a.example.test",
            "host.a.example.test", "HOST.A.example.test", "host.", "KNOWN", "UNKNOWN", "LOCAL", "PARANOID",
            "bob@ALL", "bob@.example.test", "ALL@ALL", "KNOWN@192.0.2.0/24", "*.example.test", "192.0.2.?",
            "[2001:db8::]/32", "[2001:db8::1]", "[2001:db8:1::]/48", "[::ffff:192.0.2.5]", "192.0.2.1/24",
            "0.0.0.0/0.0.0.0", "[::]/0", "@grp");

    private static final List<String> OPTIONS = List.of(
            "", "", "", ": allow", ": deny", ": spawn /bin/true", ": aclexec /bin/check", ": twist /bin/echo",
            ": bogus", ": severity auth.info : allow");

    /** One request, as strings; built afresh for every decision (endpoints cache lookups). */
    record Query(String daemon, String clientName, String clientAddress, String user, String serverAddress,
            boolean serverSocket, boolean aclexecSucceeds) {

        AccessRequest build() {
            HostEndpoint server = serverSocket
                    ? HostEndpoint.ofSocket(new InetSocketAddress(address(serverAddress), 23))
                    : HostEndpoint.ofStrings(null, serverAddress);
            return AccessRequest.builder()
                    .daemon(daemon)
                    .client(HostEndpoint.ofStrings(clientName, clientAddress))
                    .server(server)
                    .user(user)
                    .build();
        }

        private static InetAddress address(String a) {
            try {
                return InetAddress.getByName(a);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Property(tries = 400)
    void reportedRulesNeverDecide(@ForAll("tables") List<String> allow, @ForAll("tables") List<String> deny,
            @ForAll("queries") List<Query> queries) {
        List<Finding> findings = new PolicyAnalyzer().analyze("hosts.allow", bytes(allow), "hosts.deny", bytes(deny));
        List<Finding> dead = findings.stream()
                .filter(f -> f.code() == FindingCode.SHADOWED_RULE || f.code() == FindingCode.NEVER_MATCHES)
                .toList();
        // the property means little unless many policies have such rules
        Statistics.label("reported").collect(dead.isEmpty() ? "none" : "some");
        Statistics.label("reported").coverage(c -> c.check("some").percentage(p -> p >= 30));
        for (Finding f : dead) {
            boolean inAllow = f.file().equals("hosts.allow");
            List<String> allowWithout = inAllow ? without(allow, f.line()) : allow;
            List<String> denyWithout = inAllow ? deny : without(deny, f.line());
            for (Query q : queries) {
                Decision with = decide(allow, deny, q);
                Decision withoutRule = decide(allowWithout, denyWithout, q);
                assertThat(with.rule() == null ? null : with.rule().file() + ":" + with.rule().line())
                        .as("%s decides %s", f, q)
                        .isNotEqualTo(f.file() + ":" + f.line());
                assertThat(withoutRule.verdict()).as("%s, removing it changes %s", f, q).isEqualTo(with.verdict());
                assertThat(Objects.toString(withoutRule.rule())).isEqualTo(Objects.toString(with.rule()));
            }
        }
    }

    /**
     * The relation behind it, directly: whenever a rule is said to cover another, every request the
     * second matches is matched by the first.
     */
    @Property(tries = 3000)
    void coverageIsSound(@ForAll("wideRules") String x, @ForAll("rules") String y, @ForAll("queries") List<Query> queries) {
        Rule rx = CoverageTest.rule(x);
        Rule ry = CoverageTest.rule(y);
        boolean claimed = Coverage.covers(rx, ry);
        Statistics.label("covers").collect(claimed);
        Statistics.label("covers").coverage(c -> c.check(true).percentage(p -> p >= 5));
        if (!claimed) {
            return;
        }
        for (Query q : queries) {
            RuleMatcher matcher = new RuleMatcher(q.build());
            if (matcher.matches(ry)) {
                assertThat(new RuleMatcher(q.build()).matches(rx)).as("'%s' covers '%s' but not %s", x, y, q).isTrue();
            }
        }
    }

    /** Rules of mostly wide patterns, so that they often cover a random rule. */
    @Provide
    Arbitrary<String> wideRules() {
        Arbitrary<String> daemons = Arbitraries.of("ALL", "sshd", "s*", "KNOWN", "*", "sshd@192.0.2.0/24", "23");
        Arbitrary<String> clients = Arbitraries.of("ALL", "*", "192.0.2.0/24", "192.0.2.0/25", "192.0.", "192.0.2.",
                "10.0.0.0/8", ".example.test", "KNOWN", "[2001:db8::]/32", "0.0.0.0/0.0.0.0", "ALL@ALL", "bob@ALL",
                "*.example.test", "ALL EXCEPT 192.0.2.5", "ALL EXCEPT 192.0.2.0/24", "192.0.2.0/24 EXCEPT 192.0.2.128/25");
        return Combinators.combine(daemons, clients).as((d, c) -> d + ": " + c);
    }

    @Provide
    Arbitrary<String> rules() {
        Arbitrary<String> daemons = Arbitraries.of(DAEMONS).list().ofMinSize(1).ofMaxSize(2).map(l -> String.join(" ", l));
        Arbitrary<String> clients = Arbitraries.of(CLIENTS).list().ofMinSize(1).ofMaxSize(2).map(l -> String.join(" ", l));
        Arbitrary<String> except = Arbitraries.of(CLIENTS).list().ofMaxSize(1).map(l -> l.isEmpty() ? "" : " EXCEPT " + l.getFirst());
        return Combinators.combine(daemons, clients, except).as((d, c, e) -> d + ": " + c + e);
    }

    /** The same table with one line turned into a comment, so that line numbers stay put. */
    private static List<String> without(List<String> lines, int line) {
        List<String> out = new ArrayList<>(lines);
        out.set(line - 1, "# removed");
        return out;
    }

    private static Decision decide(List<String> allow, List<String> deny, Query q) {
        TableCompiler compiler = new TableCompiler(new PatternCompiler(DiagnosticListener.IGNORE), DiagnosticListener.IGNORE);
        TableIndex a = TableIndex.of(compiler.compile("hosts.allow", bytes(allow)));
        TableIndex d = TableIndex.of(compiler.compile("hosts.deny", bytes(deny)));
        OptionEffects effects = new OptionEffects() {
            @Override
            public boolean aclexec(String command) {
                return q.aclexecSucceeds();
            }
        };
        return new AccessCheck(q.build(), effects, false, false, AccessCheck.Trace.NONE).decide(a, d);
    }

    private static byte[] bytes(List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Provide
    Arbitrary<List<String>> tables() {
        return rule().list().ofMaxSize(6);
    }

    private Arbitrary<String> rule() {
        return Combinators.combine(list(DAEMONS), list(CLIENTS), Arbitraries.of(OPTIONS))
                .as((d, c, o) -> d + ": " + c + o);
    }

    /** 1–3 alternatives, sometimes EXCEPT and 0–2 more, sometimes a nested EXCEPT. */
    private static Arbitrary<String> list(List<String> tokens) {
        Arbitrary<String> head = Arbitraries.of(tokens).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(", ", l));
        Arbitrary<String> tail = Arbitraries.of(tokens).list().ofMaxSize(2).map(l -> String.join(" ", l));
        return Combinators.combine(head, tail, tail, Arbitraries.integers().between(0, 5))
                .as((h, t1, t2, shape) -> switch (shape) {
                    case 0, 1 -> h + " EXCEPT " + t1;
                    case 2 -> h + " EXCEPT " + t1 + " EXCEPT " + t2;
                    case 3 -> "EXCEPT " + t1;
                    default -> h;
                });
    }

    @Provide
    Arbitrary<List<Query>> queries() {
        Arbitrary<String> daemon = Arbitraries.of("sshd", "in.ftpd", "unknown", "smtp", "s", "in.telnetd");
        Arbitrary<String> name = Arbitraries.of("host.a.example.test", "b.example.test", "localhost", "unknown",
                "paranoid", "x.org", "host");
        Arbitrary<String> address = Arbitraries.of("192.0.2.5", "192.0.2.200", "192.0.2.100", "10.1.2.3", "192.0.3.1",
                "2001:db8::1", "2001:db8:1::5", "::ffff:192.0.2.5", "unknown", "0300.0.2.5", "192.0.2.1");
        Arbitrary<String> user = Arbitraries.of("bob", "alice", "unknown");
        Arbitrary<String> server = Arbitraries.of("192.0.2.1", "192.0.2.9", "10.0.0.1");
        Arbitrary<Query> query = Combinators.combine(daemon, name, address, user, server,
                        Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Query::new);
        return query.list().ofMinSize(20).ofMaxSize(60);
    }
}
