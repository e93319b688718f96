package dev.jwrap.core.match;

/**
 * Numeric address parsing with the C library's exact rules, which libwrap relies on and which
 * {@link java.net.InetAddress} does not follow: {@code inet_aton} (octal, hex, 1- to 4-part
 * forms, trailing blank), libwrap's {@code dot_quad_addr} (exactly four runs, and
 * 255.255.255.255 is the error value), and {@code inet_pton(AF_INET6)}.
 */
public final class InetLiterals {

    /** inet_addr's error value, INADDR_NONE. */
    public static final long NONE = 0xffffffffL;

    private InetLiterals() {}

    /**
     * glibc {@code inet_aton}: the 32-bit address, or -1 when {@code s} is not an address. Parts
     * are C integers (0x hex, leading 0 octal); a.b.c.d, a.b.c (c 16 bits), a.b (b 24 bits) and a
     * (32 bits); text after a blank is ignored.
     */
    public static long inetAton(String s) {
        long[] parts = new long[4];
        int n = 0;
        int i = 0;
        int len = s.length();
        while (true) {
            if (i >= len || !isDigit(s.charAt(i))) {
                return -1;
            }
            int base = 10;
            if (s.charAt(i) == '0') {
                if (i + 1 < len && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                        && i + 2 < len && Character.digit(s.charAt(i + 2), 16) >= 0) {
                    base = 16;
                    i += 2;
                } else {
                    base = 8;
                }
            }
            long val = 0;
            int start = i;
            while (i < len) {
                char ch = s.charAt(i);
                int d = ch < 128 ? Character.digit(ch, base) : -1;
                if (d < 0) {
                    break;
                }
                val = val * base + d;
                if (val > 0xffffffffL) {
                    return -1;
                }
                i++;
            }
            if (i == start && base != 8) {
                return -1;
            }
            char c = i < len ? s.charAt(i) : '\0';
            if (c == '.') {
                if (n > 2 || val > 0xff) {
                    return -1;
                }
                parts[n++] = val;
                i++;
                continue;
            }
            if (c != '\0' && !isCSpace(c)) {
                return -1;
            }
            long[] max = {0xffffffffL, 0xffffffL, 0xffffL, 0xffL};
            if (val > max[n]) {
                return -1;
            }
            long result = val;
            for (int p = 0; p < n; p++) {
                result |= parts[p] << (24 - 8 * p);
            }
            return result;
        }
    }

    /** glibc {@code inet_addr}: like {@link #inetAton} but failure is {@link #NONE}. */
    public static long inetAddr(String s) {
        long v = inetAton(s);
        return v < 0 ? NONE : v;
    }

    /**
     * libwrap's {@code dot_quad_addr}: {@code s} must have exactly four runs of non-dot
     * characters and be accepted by {@code inet_addr}. Returns {@link #NONE} otherwise — also
     * for 255.255.255.255 itself, which libwrap cannot tell from the error value.
     */
    public static long dotQuad(String s) {
        int runs = 0;
        boolean inRun = false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                inRun = false;
            } else if (!inRun) {
                inRun = true;
                runs++;
            }
        }
        return runs == 4 ? inetAddr(s) : NONE;
    }

    /** {@link #dotQuad} as a boolean: a usable address. */
    public static boolean isDotQuad(String s) {
        return dotQuad(s) != NONE;
    }

    /** Strict IPv4 text for "is this name numeric": inet_aton accepts it. Returns null if not. */
    public static long[] parseV4Strict(String s) {
        long v = inetAton(s);
        return v < 0 ? null : new long[] {v};
    }

    /**
     * glibc {@code inet_pton(AF_INET6)}: 16 bytes, or null. Hex groups of 1-4 digits, one
     * {@code ::}, an optional trailing dotted quad (decimal, no leading zeros beyond one digit).
     */
    public static byte[] parseV6(String s) {
        byte[] out = new byte[16];
        int len = s.length();
        int i = 0;
        int o = 0;
        int colonp = -1;
        if (len == 0) {
            return null;
        }
        if (s.charAt(0) == ':') {
            if (len < 2 || s.charAt(1) != ':') {
                return null;
            }
            i = 1;
        }
        int curtok = i;
        boolean sawXdigit = false;
        int val = 0;
        int digits = 0;
        while (i < len) {
            char ch = s.charAt(i++);
            int d = ch < 128 ? Character.digit(ch, 16) : -1;
            if (d >= 0) {
                if (++digits > 4) {
                    return null;
                }
                val = (val << 4) | d;
                sawXdigit = true;
                continue;
            }
            if (ch == ':') {
                curtok = i;
                if (!sawXdigit) {
                    if (colonp >= 0) {
                        return null;
                    }
                    colonp = o;
                    continue;
                } else if (i == len) {
                    return null;
                }
                if (o + 2 > 16) {
                    return null;
                }
                out[o++] = (byte) (val >> 8);
                out[o++] = (byte) val;
                sawXdigit = false;
                digits = 0;
                val = 0;
                continue;
            }
            if (ch == '.' && o + 4 <= 16) {
                byte[] v4 = parseV4Pton(s.substring(curtok));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, o, 4);
                o += 4;
                sawXdigit = false;
                break;
            }
            return null;
        }
        if (sawXdigit) {
            if (o + 2 > 16) {
                return null;
            }
            out[o++] = (byte) (val >> 8);
            out[o++] = (byte) val;
        }
        if (colonp >= 0) {
            if (o == 16) {
                return null;
            }
            int n = o - colonp;
            System.arraycopy(out, colonp, out, 16 - n, n);
            for (int k = colonp; k < 16 - n; k++) {
                out[k] = 0;
            }
            o = 16;
        }
        return o == 16 ? out : null;
    }

    /**
     * A numeric IPv6 address as glibc's {@code getaddrinfo(AI_NUMERICHOST)} reads it: an optional
     * {@code %scope} is an interface name (only for link-local and multicast link- or node-local
     * addresses, and the interface must exist) or a decimal number; the scope itself is then
     * ignored, as libwrap's comparisons ignore it. Null when not an address.
     */
    public static byte[] parseV6IgnoringScope(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return parseV6(s);
        }
        byte[] address = parseV6(s.substring(0, pct));
        if (address == null) {
            return null;
        }
        String scope = s.substring(pct + 1);
        return scopeAccepted(address, scope) ? address : null;
    }

    private static boolean scopeAccepted(byte[] a, String scope) {
        boolean linkScoped = ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80)
                || ((a[0] & 0xff) == 0xff && ((a[1] & 0x0f) == 0x01 || (a[1] & 0x0f) == 0x02));
        if (linkScoped && !scope.isEmpty() && interfaceExists(scope)) {
            return true;
        }
        if (scope.isEmpty() || scope.length() > 10 || !isDigit(scope.charAt(0))) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            if (!isDigit(scope.charAt(i))) {
                return false;
            }
        }
        return Long.parseLong(scope) <= 0xffffffffL;
    }

    private static boolean interfaceExists(String name) {
        try {
            return java.net.NetworkInterface.getByName(name) != null;
        } catch (java.net.SocketException | RuntimeException e) {
            return false;
        }
    }

    /** inet_pton(AF_INET): exactly four decimal parts 0-255, no leading zeros. */
    static byte[] parseV4Pton(String s) {
        byte[] out = new byte[4];
        int parts = 0;
        int val = 0;
        boolean sawDigit = false;
        int digitsInPart = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                if (sawDigit && val == 0) {
                    return null;
                }
                val = val * 10 + (ch - '0');
                if (val > 255 || ++digitsInPart > 3) {
                    return null;
                }
                if (!sawDigit) {
                    if (++parts > 4) {
                        return null;
                    }
                    sawDigit = true;
                }
            } else if (ch == '.' && sawDigit) {
                if (parts == 4) {
                    return null;
                }
                out[parts - 1] = (byte) val;
                val = 0;
                digitsInPart = 0;
                sawDigit = false;
            } else {
                return null;
            }
        }
        if (parts < 4 || !sawDigit) {
            return null;
        }
        out[3] = (byte) val;
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
