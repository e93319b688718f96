package dev.jwrap.core.check;

import dev.jwrap.core.match.InetLiterals;
import dev.jwrap.core.policy.ClientPattern;
import dev.jwrap.core.policy.DaemonPattern;
import dev.jwrap.core.policy.HostPattern;
import dev.jwrap.core.policy.NetMask;
import dev.jwrap.core.policy.PatternList;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.StringPattern;
import dev.jwrap.core.syntax.Ascii;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Decides, conservatively, whether every request one pattern (list, rule) matches is also matched
 * by another. "Yes" is a proof; "no" only means no proof was found. The proofs follow the matcher's
 * semantics (spec §1.6, §2): identical tokens, {@code ALL} and {@code *}, string containment
 * ({@code .suffix}, {@code prefix.}, wildcards against a literal), IPv4 and IPv6 network
 * containment, an address inside a network, and {@code EXCEPT} lists with a contained exception.
 *
 * <p>Stateless.
 */
final class Coverage {

    private Coverage() {}

    /** Whether rule {@code x} matches every request rule {@code y} matches. */
    static boolean covers(Rule x, Rule y) {
        return listCovers(x.daemons(), y.daemons(), Coverage::daemonCovers, Coverage::neverMatches)
                && listCovers(x.clients(), y.clients(), Coverage::clientCovers, Coverage::neverMatches);
    }

    /**
     * {@code x ⊇ y} for lists: every alternative of y is covered by one of x, and x's exception
     * (if any) is covered by y's — then whatever escapes y's exception escapes x's too.
     */
    static <T> boolean listCovers(PatternList<T> x, PatternList<T> y, BiPredicate<T, T> covers, Predicate<T> never) {
        for (T q : y.head()) {
            if (never.test(q)) {
                continue;
            }
            boolean found = false;
            for (T p : x.head()) {
                if (covers.test(p, q)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return x.except() == null || (y.except() != null && listCovers(y.except(), x.except(), covers, never));
    }

    /** Whether a list can never match: nothing before EXCEPT, or only patterns that never match. */
    static <T> boolean listNeverMatches(PatternList<T> list, Predicate<T> never) {
        return list.head().stream().allMatch(never);
    }

    /** Whether a list matches everything: a universal alternative and no exception (or an empty one). */
    static <T> boolean listUniversal(PatternList<T> list, Predicate<T> universal) {
        return (list.except() == null || list.except().head().isEmpty()) && list.head().stream().anyMatch(universal);
    }

    static boolean daemonCovers(DaemonPattern p, DaemonPattern q) {
        if (p.text().equals(q.text())) {
            return true;
        }
        boolean name;
        if (p.port() < 0 && isUniversal(p.name())) {
            name = true;
        } else if (p.port() >= 0 || q.port() >= 0) {
            name = p.port() == q.port();
        } else {
            name = stringCovers(p.name(), q.name());
        }
        return name && (p.host() == null || (q.host() != null && hostCovers(p.host(), q.host())));
    }

    static boolean clientCovers(ClientPattern p, ClientPattern q) {
        if (p.text().equals(q.text())) {
            return true;
        }
        boolean user = p.user() == null || isUniversal(p.user())
                || (q.user() != null && stringCovers(p.user(), q.user()));
        return user && hostCovers(p.host(), q.host());
    }

    /** {@code p ⊇ q} for host patterns. */
    static boolean hostCovers(HostPattern p, HostPattern q) {
        if (p.text().equals(q.text()) || neverMatches(q) || isUniversal(p)) {
            return true;
        }
        // instanceof chains, not pattern switches: each switch bootstraps a generated class at run
        // time, which no AOT cache keeps (≈ 1 ms apiece of jwrap check's start-up, PERFORMANCE §9)
        if (q instanceof HostPattern.Textual t) {
            // a string pattern tries the address, and the name too when it has letters
            if (p instanceof HostPattern.Textual s) {
                return stringCovers(s.pattern(), t.pattern()) && (s.alsoName() || !t.alsoName());
            }
            return p instanceof HostPattern.Masked m && !t.alsoName() && t.pattern() instanceof StringPattern.Exact e
                    && InetLiterals.dotQuad(e.lower()) != InetLiterals.NONE && m.mask().matches(e.lower());
        }
        return q instanceof HostPattern.Masked n && p instanceof HostPattern.Masked m && netCovers(m.mask(), n.mask());
    }

    /** {@code p ⊇ q} for networks: both readings (IPv4 addresses, IPv6 addresses) separately. */
    static boolean netCovers(NetMask p, NetMask q) {
        boolean v4 = !v4Usable(q) || (p.v4Net() >= 0
                && (p.v4Mask() & ~q.v4Mask() & 0xffffffffL) == 0
                && (q.v4Net() & p.v4Mask()) == p.v4Net());
        boolean v6 = q.v6Net() == null || (p.v6Net() != null
                && p.v6Length() <= q.v6Length()
                && NetMask.prefixEquals(q.v6Net(), p.v6Net(), p.v6Length()));
        return v4 && v6;
    }

    /**
     * {@code p ⊇ q} for string patterns. A literal is covered by whatever matches its text: every
     * string pattern looks only at the (lower-cased, un-mapped) subject, which for a literal is
     * the literal itself.
     */
    static boolean stringCovers(StringPattern p, StringPattern q) {
        if (isUniversal(p) || (q instanceof StringPattern.Exact e && p.matches(e.lower()))) {
            return true;
        }
        if (p.getClass() == q.getClass() && Ascii.equalsIgnoreCase(p.text(), q.text())) {
            return true;
        }
        if (p instanceof StringPattern.NotUnknown) {
            // "unknown" has no dot and is no IPv6 address: KNOWN holds for all of these
            return q instanceof StringPattern.Suffix || q instanceof StringPattern.Prefix
                    || q instanceof StringPattern.NotUnknown || q instanceof StringPattern.BracketV6;
        }
        if (p instanceof StringPattern.Suffix s) {
            return q instanceof StringPattern.Suffix t && t.lower().endsWith(s.lower());
        }
        return p instanceof StringPattern.Prefix s && q instanceof StringPattern.Prefix t
                && t.lower().startsWith(s.lower());
    }

    /** {@code ALL}, or a wildcard made only of {@code *}. */
    static boolean isUniversal(StringPattern p) {
        return p instanceof StringPattern.Any || (p instanceof StringPattern.Glob g && onlyStars(g.lower()));
    }

    private static boolean onlyStars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }

    static boolean isUniversal(HostPattern p) {
        return p instanceof HostPattern.Textual t && isUniversal(t.pattern());
    }

    static boolean isUniversal(DaemonPattern d) {
        return d.port() < 0 && isUniversal(d.name()) && (d.host() == null || isUniversal(d.host()));
    }

    static boolean isUniversal(ClientPattern c) {
        return isUniversal(c.host()) && (c.user() == null || isUniversal(c.user()));
    }

    /** An IPv4 reading that can match at all: valid, and no network bits outside the mask. */
    private static boolean v4Usable(NetMask m) {
        return m.v4Net() >= 0 && (m.v4Net() & ~m.v4Mask() & 0xffffffffL) == 0;
    }

    /** A host pattern no endpoint can match. */
    static boolean neverMatches(HostPattern h) {
        if (h instanceof HostPattern.Masked m) {
            return !v4Usable(m.mask()) && m.mask().v6Net() == null;
        }
        return h instanceof HostPattern.Textual t && t.pattern() instanceof StringPattern.BracketV6 b
                && b.address() == null;
    }

    static boolean neverMatches(DaemonPattern d) {
        return (d.host() != null && neverMatches(d.host()))
                || (d.name() instanceof StringPattern.BracketV6 b && b.address() == null);
    }

    static boolean neverMatches(ClientPattern c) {
        return neverMatches(c.host()) || (c.user() instanceof StringPattern.BracketV6 b && b.address() == null);
    }
}
