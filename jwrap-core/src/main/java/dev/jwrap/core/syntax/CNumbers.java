package dev.jwrap.core.syntax;

import java.util.OptionalLong;

/**
 * C's number readers as libwrap uses them: {@code sscanf(s, "%d%c")} and {@code "%o%c"} succeed
 * only when the whole string is one number (leading white space and a sign allowed), and
 * {@code "%u%c"} for numeric daemon tokens. Overflow behaves as glibc's: the value is read as a
 * saturated {@code long} and then cut to 32 bits.
 */
public final class CNumbers {

    private CNumbers() {}

    /** {@code sscanf(s, "%d%c") == 1}: the int value, or empty. */
    public static OptionalLong scanInt(String s) {
        OptionalLong v = scan(s, 10, false);
        return v.isEmpty() ? v : OptionalLong.of((int) v.getAsLong());
    }

    /** {@code sscanf(s, "%o%c") == 1}: the unsigned int value, or empty. */
    public static OptionalLong scanOctal(String s) {
        OptionalLong v = scan(s, 8, true);
        return v.isEmpty() ? v : OptionalLong.of(v.getAsLong() & 0xffffffffL);
    }

    /** {@code sscanf(s, "%u%c") == 1}: the unsigned int value, or empty. */
    public static OptionalLong scanUnsigned(String s) {
        OptionalLong v = scan(s, 10, true);
        return v.isEmpty() ? v : OptionalLong.of(v.getAsLong() & 0xffffffffL);
    }

    private static OptionalLong scan(String s, int base, boolean unsigned) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < n) {
            char c = s.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : -1;
            if (d < 0 || d >= base) {
                break;
            }
            if (!overflow) {
                long next = value * base + d;
                if (unsigned ? Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, base)) > 0 : next < value || value > (Long.MAX_VALUE - d) / base) {
                    overflow = true;
                } else {
                    value = next;
                }
            }
            i++;
        }
        if (i == start || i != n) {
            return OptionalLong.empty();
        }
        if (overflow) {
            value = unsigned ? -1L : (neg ? Long.MIN_VALUE : Long.MAX_VALUE);
            return OptionalLong.of(unsigned && neg ? 1 : value);
        }
        return OptionalLong.of(neg ? -value : value);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
