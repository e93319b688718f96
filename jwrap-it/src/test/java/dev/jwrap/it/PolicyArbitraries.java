package dev.jwrap.it;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for access tables: every pattern kind of hosts_access(5) (biased towards the
 * names and addresses of the fixture {@code /etc/hosts}, so that rules do match), EXCEPT lists,
 * options valid and invalid, and the line-level quirks (comments, continuations, CRLF, NUL bytes,
 * missing colons, unterminated and overlong lines). Text is ISO-8859-1: one char per byte.
 */
final class PolicyArbitraries {

    /** Host patterns without {@code /file} references. */
    private static final String[] HOSTS = {
        "ALL", "KNOWN", "UNKNOWN", "LOCAL", "PARANOID", "unknown", "paranoid", "known", "all", "local",
        "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.11", "192.0.2.99", "127.0.0.1", "192.0.2.01", "10.0.0.1",
        "192.0.2.", "192.0.", "198.51.100.", "19.", "203.0.113", ".example.test", ".test", ".2.1", ".dept.example.test",
        ".EXAMPLE.TEST", "example.test", "good.example.test", "good", "GOOD.EXAMPLE.TEST", "good.example.test.",
        "canon.example.test", "alias.example.test", "liar.example.test", "honest.example.test", "localbox", "box",
        "box.example.test", "v6.example.test", "dual.example.test", "multi.example.test", "localhost", "good.",
        "box.", "we_ird.example.test", "192.0.2.0/24", "192.0.2.0/255.255.255.0", "192.0.2.1/32",
        "192.0.2.1/255.255.255.255", "192.0.2.0/0", "0.0.0.0/0.0.0.0", "192.0.2.1/24", "192.0.2.0/33",
        "192.0.2.0/24junk", "192.0.2.0/255.0.255.0", "0300.0.2.0/24", "192.0.2/24", "192.0.2.0/abc",
        "[2001:db8::1]", "[2001:0db8:0:0::1]", "[2001:db8::]/32", "[2001:db8::]/64", "[2001:db8::1]/128",
        "[2001:db8::]/0", "[2001:db8::]/129", "[2001:db8::]/-1", "[::ffff:192.0.2.1]", "[192.0.2.1]", "[::1]",
        "[2001:db8::30]/127", "[fe80::]/10", "*", "*.example.test", "192.0.2.?", "192.0.2.*", "2001*",
        "?ood.example.test", "*example*", "g*d.*", "@trusted", "@Trusted", "@nested", "@withunknown",
        "@withparanoid", "@anyhost", "@v6hosts", "@indomain", "@otherdomain", "@nosuch", "@empty"
    };
    /** Patterns that match many of the generated queries, so that verdicts are not mostly "granted". */
    private static final String[] LIKELY_HOSTS = {
        "ALL", "192.0.2.1", "good.example.test", ".example.test", "192.0.2.", "KNOWN", "UNKNOWN", "[2001:db8::]/32"
    };
    private static final String[] FILES = {
        "${DIR}/list1", "${DIR}/list2", "${DIR}/nosuch", "${DIR}/adir"
    };
    private static final String[] USERS = {"alice", "ALICE", "bob", "ALL", "KNOWN", "UNKNOWN", "*", "al*", ".ice", "ali.", "unknown", ""};
    private static final String[] DAEMONS = {
        "ALL", "in.telnetd", "IN.TELNETD", "in.ftpd", "sshd", "in.*", "*d", "in.?tpd", ".telnetd", "in.", "KNOWN",
        "UNKNOWN", "unknown", "LOCAL", "0", "+0", "23", "70000", "-0", "@foo", "all", "in_telnetd"
    };
    private static final String[] SERVER_HOSTS = {
        "198.51.100.1", "198.51.100.", "198.51.100.0/24", "server.example.test", "server", ".example.test", "KNOWN",
        "UNKNOWN", "LOCAL", "PARANOID", "[2001:db8::1]", "[2001:db8::]/32", "${DIR}/list1", "@trusted", "ALL"
    };
    private static final String[] OPTIONS = {
        "keepalive", "linger 10", "linger 0", "linger x", "linger -1", "linger 10s", "nice", "nice 5", "nice -5",
        "nice 5x", "umask 022", "umask 0", "umask 028", "umask 1000", "rfc931", "rfc931 5", "rfc931 0",
        "rfc931 -1", "setenv FOO %u", "setenv FOO", "setenv", "severity auth.info", "severity notice",
        "severity local3.notice", "severity mail", "severity authpriv.info", "severity warn",
        "banners ${DIR}/banners", "banners ${DIR}/nosuch", "aclexec /bin/false", "spawn /bin/true",
        "spawn=/bin/echo %a %h", "spawn", "bogus", "", "keepalive 5", "SPAWN /bin/echo %c", "spawn /bin/echo a\\:b",
        "group nogroup", "group nosuchgroup", "user root", "user nosuchuser", "user nobody", "user nobody.nogroup"
    };
    private static final String[] LAST_OPTIONS = {
        "allow", "deny", "ALLOW", "deny=", "twist /bin/echo %d %s", "twist", "allow yes"
    };

    private PolicyArbitraries() {}

    static Arbitrary<String> hostToken() {
        return Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.of(HOSTS)),
                Tuple.of(25, Arbitraries.of(LIKELY_HOSTS)),
                Tuple.of(2, Arbitraries.of(FILES)),
                Tuple.of(1, Arbitraries.of("::1", "2001:db8::1")));
    }

    /** Host patterns and words for pattern file list1, which must not refer to a pattern file (loops crash tcpdmatch). */
    static Arbitrary<String> fileWord() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of(HOSTS)), Tuple.of(2, Arbitraries.of("#", "EXCEPT", "# comment")));
    }

    static Arbitrary<String> clientToken() {
        Arbitrary<String> userAtHost =
                Combinators.combine(Arbitraries.of(USERS), hostToken()).as((u, h) -> u + "@" + h);
        return Arbitraries.frequencyOf(Tuple.of(8, hostToken()), Tuple.of(2, userAtHost));
    }

    static Arbitrary<String> daemonToken() {
        Arbitrary<String> atHost = Combinators.combine(Arbitraries.of(DAEMONS), Arbitraries.of(SERVER_HOSTS))
                .as((d, h) -> d + "@" + h);
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of(DAEMONS)),
                Tuple.of(14, Arbitraries.of("ALL", "in.telnetd", "sshd")),
                Tuple.of(2, atHost));
    }

    /** A list: 0–3 alternatives, then 0–2 EXCEPT clauses of 0–2 tokens, with assorted separators. */
    static Arbitrary<String> list(Arbitrary<String> token) {
        Arbitrary<List<String>> head = Arbitraries.frequencyOf(
                Tuple.of(20, token.list().ofMinSize(1).ofMaxSize(3)), Tuple.of(1, Arbitraries.just(List.of())));
        Arbitrary<List<List<String>>> exceptions =
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<List<String>>of())),
                        Tuple.of(1, token.list().ofMaxSize(2).list().ofMinSize(1).ofMaxSize(2)));
        Arbitrary<String> except = Arbitraries.frequency(Tuple.of(10, "EXCEPT"), Tuple.of(1, "except"), Tuple.of(1, "Except"));
        Arbitrary<String> separator = Arbitraries.frequency(
                Tuple.of(10, ", "), Tuple.of(4, " "), Tuple.of(2, ","), Tuple.of(1, "\t"), Tuple.of(1, " , "), Tuple.of(1, ",, "));
        return Combinators.combine(head, exceptions, except, separator).as((h, ex, word, sep) -> {
            StringBuilder sb = new StringBuilder(String.join(sep, h));
            for (List<String> clause : ex) {
                sb.append(' ').append(word);
                if (!clause.isEmpty()) {
                    sb.append(' ').append(String.join(sep, clause));
                }
            }
            return sb.toString();
        });
    }

    /** An option text (without the leading colon): middle options, then usually allow/deny/twist or nothing. */
    static Arbitrary<String> options() {
        Arbitrary<List<String>> middle = Arbitraries.of(OPTIONS).list().ofMaxSize(3);
        Arbitrary<String> last = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")), Tuple.of(4, Arbitraries.of(LAST_OPTIONS)));
        Arbitrary<String> glue = Arbitraries.frequency(Tuple.of(10, ": "), Tuple.of(2, ":"), Tuple.of(2, " : "));
        Arbitrary<Boolean> misplaced = Arbitraries.frequency(Tuple.of(12, false), Tuple.of(1, true));
        return Combinators.combine(middle, last, glue, misplaced).as((m, l, g, swap) -> {
            List<String> fields = new java.util.ArrayList<>(m);
            if (!l.isEmpty()) {
                fields.add(swap ? 0 : fields.size(), l);
            }
            return String.join(g, fields);
        });
    }

    static Arbitrary<String> rule() {
        Arbitrary<String> blank = Arbitraries.frequency(Tuple.of(8, ""), Tuple.of(4, " "), Tuple.of(1, "\t"), Tuple.of(1, "  "));
        Arbitrary<String> optionPart = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")), Tuple.of(2, options().map(o -> ": " + o)));
        return Combinators.combine(list(daemonToken()), blank, list(clientToken()), optionPart)
                .as((d, b, c, o) -> d + b + ":" + (b.isEmpty() ? " " : b) + c + o);
    }

    /** One logical line's text (no line end), of any kind the reader distinguishes. */
    static Arbitrary<String> lineText() {
        return Arbitraries.frequencyOf(
                Tuple.of(80, rule()),
                Tuple.of(4, rule().map(r -> "#" + r)),
                Tuple.of(1, rule().map(r -> "  # " + r)),
                Tuple.of(4, Arbitraries.of("", "  ", "\t", " \t", "\r", "\f")),
                Tuple.of(2, Combinators.combine(list(daemonToken()), list(clientToken())).as((d, c) -> d + " " + c)),
                Tuple.of(2, Arbitraries.of("ALL:", ": ALL", ":", "ALL: ALL:", "ALL:ALL:ALL")),
                Tuple.of(1, rule().map(r -> r + ":")),
                Tuple.of(1, Arbitraries.integers().between(2025, 2035).map(n -> "ALL: " + " ".repeat(n) + "192.0.2.1: deny")),
                Tuple.of(1, Combinators.combine(rule(), Arbitraries.integers().between(0, 100))
                        .as((r, p) -> insert(r, p, "\0"))));
    }

    /** A physical rendering of one line: line end, and maybe a continuation somewhere inside. */
    static Arbitrary<String> line() {
        Arbitrary<String> end = Arbitraries.frequency(Tuple.of(90, "\n"), Tuple.of(8, "\r\n"), Tuple.of(2, ""));
        Arbitrary<String> continuation = Arbitraries.frequency(
                Tuple.of(85, ""), Tuple.of(12, "\\\n"), Tuple.of(2, "\\\r\n"), Tuple.of(1, "\\ \n"));
        return Combinators.combine(lineText(), end, continuation, Arbitraries.integers().between(0, 100))
                .as((text, e, cont, at) -> insert(text, at, cont) + e);
    }

    /** A whole table: 0–5 lines. */
    static Arbitrary<String> table() {
        return line().list().ofMaxSize(5).map(lines -> String.join("", lines));
    }

    /** A pattern file: words and separators; {@code nested} may refer to list1. */
    static Arbitrary<String> patternFile(boolean nested) {
        Arbitrary<String> word = nested
                ? Arbitraries.frequencyOf(Tuple.of(6, fileWord()), Tuple.of(1, Arbitraries.just("${DIR}/list1")))
                : fileWord();
        Arbitrary<String> separator = Arbitraries.of(" ", "\n", "\t", "\r\n", "  ");
        return Combinators.combine(word, separator).as((w, s) -> w + s).list().ofMaxSize(5).map(l -> String.join("", l));
    }

    /** A banner file: literal text, %-sequences (never %p: it would differ between runs), odd bytes. */
    static Arbitrary<String> banner() {
        Arbitrary<String> piece = Arbitraries.of(
                "Welcome ", "to ", "%a", "%A", "%c", "%d", "%h", "%H", "%n", "%N", "%r", "%R", "%s", "%u", "%%",
                "%x", "%", "\n", "\r\n", "\0", "\u00e4", "$;~ ", "%\r\n");
        return piece.list().ofMaxSize(8).map(l -> String.join("", l));
    }

    private static String insert(String text, int percent, String what) {
        if (what.isEmpty()) {
            return text;
        }
        int at = text.length() * percent / 100;
        return text.substring(0, at) + what + text.substring(at);
    }
}
