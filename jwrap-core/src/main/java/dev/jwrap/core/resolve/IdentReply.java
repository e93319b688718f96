package dev.jwrap.core.resolve;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The ident reply line as libwrap accepts it (hosts_access spec §6, "Ident"): it reads the line
 * with {@code sscanf(line, "%u , %u : USERID :%*[^:]:%255s", ...)}, so the accepted grammar is
 *
 * <ul>
 *   <li>an unsigned number, blanks, {@code ,}, blanks, an unsigned number (blanks = any run of C
 *       white space, possibly empty; a number may have leading white space and a sign);
 *   <li>blanks, {@code :}, blanks, {@code USERID} (upper case), blanks, {@code :};
 *   <li>one or more characters other than {@code :} (the operating system field), then {@code :};
 *   <li>white space, then the user: the first word of at most 255 non-white characters; a longer
 *       word is cut at 255, then truncated to 127 like every libwrap string.
 * </ul>
 *
 * The two numbers must equal the queried client and server ports; the line ends at its first
 * NUL, as a C string does. Stateless.
 */
final class IdentReply {

    private static final int MAX_WORD = 255;
    private static final int MAX_STRING = 127;
    private static final BigInteger UINT32_MASK = BigInteger.valueOf(0xffffffffL);

    private final String s;
    private int pos;

    private IdentReply(String s) {
        this.s = s;
    }

    /** The user named by {@code line}, or empty when libwrap would report {@code unknown}. */
    static Optional<String> user(String line, int clientPort, int serverPort) {
        int nul = line.indexOf('\0');
        IdentReply r = new IdentReply(nul >= 0 ? line.substring(0, nul) : line);
        long remote = r.unsigned();
        if (remote < 0 || !r.blanksThen(",")) {
            return Optional.empty();
        }
        long local = r.unsigned();
        if (local < 0 || !r.blanksThen(":") || !r.blanksThen("USERID") || !r.blanksThen(":")) {
            return Optional.empty();
        }
        if (!r.skipOneOrMoreNonColons() || !r.literal(":")) {
            return Optional.empty();
        }
        String user = r.word();
        if (user == null || remote != clientPort || local != serverPort) {
            return Optional.empty();
        }
        // libwrap also cuts the word at a CR, but %s already stops at one (CR is white space).
        return Optional.of(user.length() > MAX_STRING ? user.substring(0, MAX_STRING) : user);
    }

    /**
     * scanf's {@code %u} into an {@code unsigned int}: strtoul's value (negated modulo 2^64 after a
     * minus sign, ULONG_MAX when out of range), then its low 32 bits; -1 when there is no digit.
     */
    private long unsigned() {
        skipBlanks();
        boolean negative = false;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            negative = s.charAt(pos) == '-';
            pos++;
        }
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            return -1;
        }
        BigInteger magnitude = new BigInteger(s.substring(start, pos));
        if (magnitude.bitLength() > 64) {
            return 0xffffffffL;
        }
        BigInteger value = negative ? magnitude.negate() : magnitude;
        return value.and(UINT32_MASK).longValue();
    }

    /** A scanf white-space directive followed by the literal text {@code text}. */
    private boolean blanksThen(String text) {
        skipBlanks();
        return literal(text);
    }

    private boolean literal(String text) {
        if (!s.startsWith(text, pos)) {
            return false;
        }
        pos += text.length();
        return true;
    }

    /** {@code %*[^:]}: at least one character, up to the next colon or the end. */
    private boolean skipOneOrMoreNonColons() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) != ':') {
            pos++;
        }
        return pos > start;
    }

    /** {@code %255s}: skip white space, then 1 to 255 non-white characters; null at the end. */
    private String word() {
        skipBlanks();
        int start = pos;
        while (pos < s.length() && pos - start < MAX_WORD && !isCSpace(s.charAt(pos))) {
            pos++;
        }
        return pos > start ? s.substring(start, pos) : null;
    }

    private void skipBlanks() {
        while (pos < s.length() && isCSpace(s.charAt(pos))) {
            pos++;
        }
    }

    /** isspace() in the C locale, which tcpd never changes. */
    private static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
