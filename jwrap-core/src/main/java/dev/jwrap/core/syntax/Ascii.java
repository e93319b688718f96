package dev.jwrap.core.syntax;

/**
 * Case-insensitive comparison as C's {@code strcasecmp} does it in the C locale: only A-Z and
 * a-z are folded. (Java's {@code equalsIgnoreCase} also folds Latin-1 letters, which libwrap
 * does not.)
 */
public final class Ascii {

    private Ascii() {}

    public static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    public static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    chars[j] = lower(chars[j]);
                }
                return new String(chars);
            }
        }
        return s;
    }

    public static boolean equalsIgnoreCase(String a, String b) {
        return a.length() == b.length() && regionMatches(a, 0, b, 0, a.length());
    }

    /** Whether {@code len} chars of {@code a} from {@code aOff} equal those of {@code b} from {@code bOff}. */
    public static boolean regionMatches(String a, int aOff, String b, int bOff, int len) {
        if (aOff < 0 || bOff < 0 || aOff + len > a.length() || bOff + len > b.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (lower(a.charAt(aOff + i)) != lower(b.charAt(bOff + i))) {
                return false;
            }
        }
        return true;
    }
}
