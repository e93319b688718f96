package dev.jwrap.it;

import dev.jwrap.it.CaseFile.DirEntry;
import dev.jwrap.it.CaseFile.Entry;
import dev.jwrap.it.CaseFile.FileEntry;
import dev.jwrap.it.CaseFile.Invocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for whole tcpdmatch cases: tables and side files from {@link PolicyArbitraries}
 * plus 1–4 queries {@code daemon[@server] [user@]client} over the fixture's names and addresses,
 * now and then a command-line error. Only the side files a case refers to are kept, so a failing
 * case prints small.
 */
final class MatchCaseArbitraries {

    private static final String[] DAEMON_NAMES = {
        "in.telnetd", "in.telnetd", "in.telnetd", "in.ftpd", "sshd", "sshd", "in.fingerd", "unknown", "telnetd",
        "In.TelnetD", "23", "0", "/usr/sbin/in.telnetd", "in telnetd", "local", "in_telnetd", "ALL"
    };
    private static final String[] SERVERS = {
        "198.51.100.1", "server.example.test", "server", "198.51.100.2", "2001:db8::1", "v6.example.test",
        "198.51.100.99", "unknown", "paranoid", "0", "192.0.2.11", "192.0.2.50", "good.example.test"
    };
    private static final String[] FAILING_SERVERS = {"multiserver.example.test", "nosuch.example.test", ""};
    private static final String[] USERS = {"alice", "bob", "ALICE", "", "unknown", "carol", "al ice", "x.y"};
    private static final String[] CLIENTS = {
        "192.0.2.1", "192.0.2.1", "good.example.test", "good", "GOOD.example.test", "alias.example.test",
        "canon.example.test", "192.0.2.2", "192.0.2.3", "liar.example.test", "192.0.2.11", "192.0.2.10",
        "numeric-alias.example.test", "numname.example.test", "longname.example.test", "192.0.2.50", "localbox",
        "box", "box.example.test", "192.0.2.99", "203.0.113.7", "elsewhere.example.org", "2001:db8::1",
        "2001:DB8::1", "2001:db8:0:0::1", "2001:db8::30", "v6.example.test", "dual.example.test",
        "multi.example.test", "::ffff:192.0.2.1", "::1", "127.0.0.1", "localhost", "unknown", "paranoid",
        "192.0.2.01", "0xc0.0.2.1", "192.0.2", "0", "255.255.255.255", "fe80::1%lo", "Mixed.Example.TEST",
        "sub.dept.example.test", "example.test", "we~ird.example.test", "10.0.0.1", "198.51.100.1"
    };
    private static final String[] FAILING_CLIENTS = {"nosuch.example.test", "192.0.2.256", "fe80::1%eth0", ""};
    private static final String INETD_CONF = """
            telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd
            ftp stream tcp nowait root /usr/sbin/in.ftpd in.ftpd
            """;

    private MatchCaseArbitraries() {}

    /** A random tcpdmatch case: tables, side files and 1–4 runs. */
    static Arbitrary<CaseFile> matchCases() {
        return Combinators.combine(
                        table(), table(), PolicyArbitraries.patternFile(false), PolicyArbitraries.patternFile(true),
                        PolicyArbitraries.banner(), PolicyArbitraries.banner(), runs(1, 4))
                .as((allow, deny, list1, list2, banner1, banner2, runs) ->
                        assemble(allow, deny, list1, list2, banner1, banner2, runs));
    }

    /** One rule (in hosts.allow or hosts.deny) against 3–6 queries: dense pattern semantics. */
    static Arbitrary<CaseFile> singleRuleCases() {
        Arbitrary<String> oneRule = PolicyArbitraries.rule().map(r -> r + "\n");
        return Combinators.combine(
                        oneRule, Arbitraries.of(true, false), PolicyArbitraries.patternFile(false),
                        PolicyArbitraries.banner(), runs(3, 6))
                .as((rule, inAllow, list1, banner, runs) -> assemble(
                        Optional.ofNullable(inAllow ? rule : null), Optional.ofNullable(inAllow ? null : rule),
                        list1, "", banner, "", runs));
    }

    /** A table: text (mostly), missing, or a directory (represented as an empty Optional / "/"). */
    private static Arbitrary<Optional<String>> table() {
        return Arbitraries.frequencyOf(
                Tuple.of(94, PolicyArbitraries.table().map(Optional::of)),
                Tuple.of(5, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(1, Arbitraries.just(Optional.of(DIRECTORY))));
    }

    private static final String DIRECTORY = "\u0000directory\u0000";

    static Arbitrary<List<Invocation>> runs(int min, int max) {
        return run().list().ofMinSize(min).ofMaxSize(max);
    }

    static Arbitrary<Invocation> run() {
        Arbitrary<String> server = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("")),
                Tuple.of(8, Arbitraries.of(SERVERS).map(s -> "@" + s)),
                Tuple.of(1, Arbitraries.of(FAILING_SERVERS).map(s -> "@" + s)));
        Arbitrary<String> daemon = Combinators.combine(Arbitraries.of(DAEMON_NAMES), server).as((d, s) -> d + s);
        Arbitrary<String> user = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")), Tuple.of(4, Arbitraries.of(USERS).map(u -> u + "@")));
        Arbitrary<String> host = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.of(CLIENTS)), Tuple.of(1, Arbitraries.of(FAILING_CLIENTS)));
        Arbitrary<String> client = Combinators.combine(user, host).as((u, h) -> u + h);
        Arbitrary<List<String>> flags = Arbitraries.frequency(
                Tuple.of(90, List.of("-d")),
                Tuple.of(4, List.of("-d", "-i", "inetd.conf")),
                Tuple.of(2, List.of()),
                Tuple.of(1, List.of("-d", "-i", "nosuch.conf")),
                Tuple.of(1, List.of("-x")));
        Arbitrary<Invocation> normal = Combinators.combine(flags, daemon, client).as((f, d, c) -> {
            List<String> args = new ArrayList<>(f);
            args.add(d);
            args.add(c);
            return new Invocation(Tool.MATCH, args);
        });
        Arbitrary<Invocation> usage = Arbitraries.of(
                new Invocation(Tool.MATCH, List.of()),
                new Invocation(Tool.MATCH, List.of("-d", "in.telnetd")),
                new Invocation(Tool.MATCH, List.of("-d", "in.telnetd", "192.0.2.1", "extra")));
        return Arbitraries.frequencyOf(Tuple.of(60, normal), Tuple.of(1, usage));
    }

    private static CaseFile assemble(
            Optional<String> allow,
            Optional<String> deny,
            String list1,
            String list2,
            String banner1,
            String banner2,
            List<Invocation> runs) {
        List<Entry> entries = new ArrayList<>();
        table(entries, "hosts.allow", allow);
        table(entries, "hosts.deny", deny);
        String text = allow.orElse("") + deny.orElse("") + list2;
        if (text.contains("${DIR}/list1")) {
            entries.add(file("list1", list1));
        }
        if (text.contains("${DIR}/list2")) {
            entries.add(file("list2", list2));
        }
        if (text.contains("${DIR}/adir")) {
            entries.add(new DirEntry("adir"));
        }
        if (text.contains("${DIR}/banners")) {
            entries.add(file("banners/in.telnetd", banner1));
            entries.add(file("banners/sshd", banner2));
        }
        if (runs.stream().anyMatch(r -> r.args().contains("inetd.conf"))) {
            entries.add(file("inetd.conf", INETD_CONF));
        }
        return new CaseFile("generated", List.of("found by GeneratedMatchIT"), entries, runs);
    }

    private static void table(List<Entry> entries, String name, Optional<String> content) {
        if (content.isEmpty()) {
            return;
        }
        entries.add(DIRECTORY.equals(content.get()) ? new DirEntry(name) : file(name, content.get()));
    }

    private static FileEntry file(String name, String latin1) {
        return new FileEntry(name, latin1.getBytes(StandardCharsets.ISO_8859_1));
    }
}
