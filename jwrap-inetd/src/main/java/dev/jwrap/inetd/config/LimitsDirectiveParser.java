package dev.jwrap.inetd.config;

import dev.jwrap.core.diag.Diagnostic;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Reads jwrap's limits comment. openbsd-inetd ignores every line whose first character is
 * {@code #}, so the limits live in a structured comment that the real inetd reads as a comment:
 *
 * <pre>
 * #jwrap: per_source=5 instances=50 cps=20:30
 * echo  stream  tcp  nowait  root  internal
 * </pre>
 *
 * <p>Grammar: {@code #jwrap:} in column 1, then blank-separated {@code key=value} items:
 * <ul>
 *   <li>{@code per_source=N} — at most N concurrent connections from one source address;
 *   <li>{@code instances=N} — at most N concurrent connections (children) of the service;
 *   <li>{@code cps=N} or {@code cps=N:S} — more than N new connections in one second pause the
 *       service for S seconds (default 10), as xinetd's {@code cps = N S};
 *   <li>{@code N} is a decimal integer ≥ 1, or {@code unlimited} to cancel an earlier item.
 * </ul>
 * The comment applies to the next service entry below it (blank lines, other comments and
 * {@code host:} lines may come in between); several {@code #jwrap:} lines before one entry are
 * merged, a later key overriding an earlier one. A plain {@code tcp}/{@code udp} line gets the
 * limits on both its IPv4 and IPv6 sockets. A bad item is reported and ignored; the entry is kept.
 * On {@code dgram} entries, which have no connections that stay open, {@code per_source=N} means N
 * datagrams per second from one source address and {@code cps} counts datagrams (built-ins) or
 * program starts (programs); {@code instances} does not apply (a wait service runs one child).
 * The comment must start in column 1: an indented line would continue the previous entry.
 */
public final class LimitsDirectiveParser {

    /** The prefix that marks a limits comment. */
    public static final String PREFIX = "#jwrap:";

    private LimitsDirectiveParser() {}

    /**
     * Applies the items of one {@code #jwrap:} line to {@code base}.
     *
     * @param text the whole comment line, starting with {@link #PREFIX}
     * @param report receives a message (without location) for each bad item
     */
    public static ServiceLimits apply(ServiceLimits base, String text, Consumer<String> report) {
        OptionalInt perSource = base.perSource();
        OptionalInt instances = base.instances();
        OptionalInt cps = base.connectionsPerSecond();
        int pause = base.pauseSeconds();
        String body = text.substring(PREFIX.length()).trim();
        List<String> items = body.isEmpty() ? List.of() : List.of(body.split("[ \t]+"));
        if (items.isEmpty()) {
            report.accept("empty " + PREFIX + " comment");
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq);
            String value = eq < 0 ? "" : item.substring(eq + 1);
            switch (key) {
                case "per_source" -> perSource = count(key, value, perSource, report);
                case "instances" -> instances = count(key, value, instances, report);
                case "cps" -> {
                    int colon = value.indexOf(':');
                    OptionalInt rate = count(key, colon < 0 ? value : value.substring(0, colon), cps, report);
                    if (colon >= 0) {
                        OptionalInt seconds = number(value.substring(colon + 1));
                        if (seconds.isEmpty()) {
                            report.accept("bad cps pause \"" + value.substring(colon + 1)
                                    + "\" in " + PREFIX + " comment (want seconds >= 1)");
                            break;
                        }
                        pause = seconds.getAsInt();
                    }
                    cps = rate;
                }
                default -> report.accept("unknown item \"" + item + "\" in " + PREFIX
                        + " comment (known: per_source=N, instances=N, cps=N[:S])");
            }
        }
        return new ServiceLimits(perSource, instances, cps, pause);
    }

    private static OptionalInt count(String key, String value, OptionalInt previous, Consumer<String> report) {
        if (value.equals("unlimited")) {
            return OptionalInt.empty();
        }
        OptionalInt n = number(value);
        if (n.isEmpty()) {
            report.accept("bad value \"" + value + "\" for " + key + " in " + PREFIX
                    + " comment (want a number >= 1 or \"unlimited\")");
            return previous;
        }
        return n;
    }

    private static OptionalInt number(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(text);
        return n >= 1 ? OptionalInt.of(n) : OptionalInt.empty();
    }

    /** The same as {@link #apply} but collecting messages as diagnostics at {@code line}. */
    static ServiceLimits apply(ServiceLimits base, String text, String file, int line, List<Diagnostic> out) {
        return apply(base, text, message -> out.add(Diagnostic.warning(file, line, message)));
    }
}
