package dev.jwrap.core.policy;

import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.match.InetLiterals;

/**
 * A {@code net/mask} host pattern (spec §2.5), pre-parsed in both of libwrap's readings: IPv4
 * ({@code n.n.n.n/m.m.m.m} or {@code n.n.n.n/len}, net not masked, so host bits make it
 * unmatchable) and IPv6 ({@code [net]/len}, host bits ignored).
 *
 * @param text the token as written
 * @param v4Net the IPv4 network, or -1 when the IPv4 reading is invalid
 * @param v4Mask the IPv4 mask (valid only with {@code v4Net})
 * @param v6Net the IPv6 network bytes, or null when the IPv6 reading is invalid
 * @param v6Length the IPv6 prefix length, 0 to 128 (valid only with {@code v6Net})
 */
public record NetMask(String text, long v4Net, long v4Mask, byte[] v6Net, int v6Length) {

    /** Compiles a token already known to contain a {@code /} outside brackets at {@code slash}. */
    public static NetMask compile(String token, int slash) {
        String net = token.substring(0, slash);
        String mask = token.substring(slash + 1);
        long v4Net = InetLiterals.dotQuad(net);
        long v4Mask = -1;
        if (v4Net != InetLiterals.NONE) {
            v4Mask = v4MaskOf(mask);
        }
        if (v4Net == InetLiterals.NONE || v4Mask < 0) {
            v4Net = -1;
        }
        byte[] v6Net = null;
        int v6Length = -1;
        if (net.length() >= 2 && net.startsWith("[") && net.endsWith("]")) {
            v6Net = InetLiterals.parseV6IgnoringScope(net.substring(1, net.length() - 1));
            v6Length = atoi(mask);
            if (v6Length < 0 || v6Length > 128) {
                v6Net = null;
            }
        }
        return new NetMask(token, v4Net, v4Mask, v6Net, v6Length);
    }

    /**
     * The mask as a dotted quad, or else a CIDR length 1..32 read with atoi ({@code /24.0} and
     * {@code /24junk} are /24); -1 when invalid.
     */
    private static long v4MaskOf(String mask) {
        long m = InetLiterals.dotQuad(mask);
        if (m != InetLiterals.NONE) {
            return m;
        }
        int len = atoi(mask);
        if (len < 1 || len > 32) {
            return -1;
        }
        return (0xffffffffL << (32 - len)) & 0xffffffffL;
    }

    /** Whether the IPv4 reading is usable and its mask contiguous (so it can be indexed). */
    public boolean isContiguousV4() {
        if (v4Net < 0) {
            return false;
        }
        long inverted = ~v4Mask & 0xffffffffL;
        return (inverted & (inverted + 1)) == 0;
    }

    /** The prefix length of a contiguous IPv4 mask. */
    public int v4PrefixLength() {
        return Long.bitCount(v4Mask);
    }

    /** Matches an address text as libwrap's {@code masked_match} does. */
    public boolean matches(String address) {
        long addr = InetLiterals.dotQuad(address);
        if (addr != InetLiterals.NONE) {
            return v4Net >= 0 && (addr & v4Mask) == v4Net;
        }
        String mapped = mappedV4(address);
        if (mapped != null) {
            long a = InetLiterals.dotQuad(mapped);
            return a != InetLiterals.NONE && v4Net >= 0 && (a & v4Mask) == v4Net;
        }
        if (v6Net == null) {
            return false;
        }
        byte[] a6 = InetLiterals.parseV6IgnoringScope(address);
        return a6 != null && prefixEquals(a6, v6Net, v6Length);
    }

    /** The IPv4 part of an {@code ::ffff:a.b.c.d} address text, or null. */
    static String mappedV4(String address) {
        String unmapped = StringPattern.unmap(address);
        return unmapped == address ? null : unmapped;
    }

    /** Whether the first {@code bits} bits of two addresses agree. */
    public static boolean prefixEquals(byte[] a, byte[] b, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (a[full] & m) == (b[full] & m);
    }

    /** C {@code atoi}: optional blanks, sign, digits; anything else ends it; no digits = 0. */
    static int atoi(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = Math.min(v * 10 + (s.charAt(i) - '0'), 1L << 40);
            i++;
        }
        v = neg ? -v : v;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetMask m && m.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "NetMask[" + text + "]";
    }
}
