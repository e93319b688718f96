package dev.jwrap.core.policy;

import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.match.InetLiterals;
import java.util.Arrays;

/**
 * A pattern compared with one string (daemon name, user name, host address or host name): the
 * {@code string_match} of hosts_access(5) with Debian's patches, tried in this order — wildcard
 * ({@code *}, {@code ?}), {@code .suffix}, {@code ALL}, {@code KNOWN}, {@code prefix.},
 * {@code [ipv6]}, exact. All comparisons ignore ASCII case.
 */
public sealed interface StringPattern {

    /** The token as written. */
    String text();

    /** Whether {@code s} matches (after libwrap's removal of an {@code ::ffff:} prefix). */
    boolean matches(String s);

    /** Compiles a token. */
    static StringPattern compile(String token) {
        if (token.indexOf('*') >= 0 || token.indexOf('?') >= 0) {
            return new Glob(token, Ascii.lower(token));
        }
        if (token.startsWith(".")) {
            return new Suffix(token, Ascii.lower(token));
        }
        if (Ascii.equalsIgnoreCase(token, "ALL")) {
            return new Any(token);
        }
        if (Ascii.equalsIgnoreCase(token, "KNOWN")) {
            return new NotUnknown(token);
        }
        if (token.endsWith(".")) {
            return new Prefix(token, Ascii.lower(token));
        }
        if (token.length() >= 2 && token.startsWith("[") && token.endsWith("]")) {
            return new BracketV6(token, InetLiterals.parseV6IgnoringScope(token.substring(1, token.length() - 1)));
        }
        return new Exact(token, Ascii.lower(token));
    }

    /**
     * Removes an IPv4-mapped prefix: {@code ::ffff:192.0.2.1} is compared as {@code 192.0.2.1}.
     */
    static String unmap(String s) {
        if (s.length() > 7 && Ascii.regionMatches(s, 0, "::ffff:", 0, 7)) {
            String rest = s.substring(7);
            if (InetLiterals.isDotQuad(rest)) {
                return rest;
            }
        }
        return s;
    }

    /** {@code *} and {@code ?} glob over the whole string. */
    record Glob(String text, String lower) implements StringPattern {
        @Override
        public boolean matches(String s) {
            return globMatch(lower, Ascii.lower(unmap(s)));
        }

        static boolean globMatch(String pattern, String s) {
            int p = 0;
            int i = 0;
            int starP = -1;
            int starI = 0;
            while (i < s.length()) {
                if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == s.charAt(i))) {
                    p++;
                    i++;
                } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                    starP = p++;
                    starI = i;
                } else if (starP >= 0) {
                    p = starP + 1;
                    i = ++starI;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pattern.length();
        }
    }

    /** {@code .example.test}: a strictly longer string ending with it. */
    record Suffix(String text, String lower) implements StringPattern {
        @Override
        public boolean matches(String s) {
            String u = unmap(s);
            return u.length() > lower.length() && Ascii.regionMatches(u, u.length() - lower.length(), lower, 0, lower.length());
        }
    }

    /** {@code ALL}. */
    record Any(String text) implements StringPattern {
        @Override
        public boolean matches(String s) {
            return true;
        }
    }

    /** {@code KNOWN} in string context: anything but {@code unknown}. */
    record NotUnknown(String text) implements StringPattern {
        @Override
        public boolean matches(String s) {
            return !Ascii.equalsIgnoreCase(unmap(s), "unknown");
        }
    }

    /** {@code 192.0.2.} or {@code host.}: a string starting with it. */
    record Prefix(String text, String lower) implements StringPattern {
        @Override
        public boolean matches(String s) {
            return Ascii.regionMatches(unmap(s), 0, lower, 0, lower.length());
        }
    }

    /** {@code [2001:db8::1]}: the same 128-bit value (null when the text is not an IPv6 address). */
    record BracketV6(String text, byte[] address) implements StringPattern {
        @Override
        public boolean matches(String s) {
            if (address == null) {
                return false;
            }
            byte[] other = InetLiterals.parseV6IgnoringScope(unmap(s));
            return other != null && Arrays.equals(address, other);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BracketV6 b && b.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "BracketV6[" + text + "]";
        }
    }

    /** Anything else: the same string, ignoring case. */
    record Exact(String text, String lower) implements StringPattern {
        @Override
        public boolean matches(String s) {
            return Ascii.equalsIgnoreCase(unmap(s), lower);
        }
    }
}
