package dev.jwrap.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The escape language of case files ({@code ~} body lines and run arguments):
 *
 * <ul>
 *   <li>{@code \\} backslash, {@code \"} double quote, {@code \n} LF, {@code \r} CR, {@code \t} TAB,
 *       {@code \f} form feed, {@code \v} vertical tab, {@code \0} NUL;
 *   <li>{@code \xHH} the byte with that hexadecimal value (exactly two digits);
 *   <li>{@code \{N:text}} {@code text} (taken literally, up to the first <code>}</code>) repeated
 *       {@code N} times, e.g. <code>\{2040:a}</code>;
 *   <li>any other character after a backslash is an error.
 * </ul>
 *
 * Text outside escapes is taken as its UTF-8 bytes.
 */
final class EscapedText {

    private static final int RUN_WORTH_COMPRESSING = 16;

    private EscapedText() {}

    /** Decodes {@code text}; {@code where} prefixes error messages. */
    static byte[] unescape(String text, String where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '\\') {
                    end++;
                }
                out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException(where + ": backslash at end of text (write \\\\)");
            }
            char e = text.charAt(i + 1);
            i += 2;
            switch (e) {
                case '\\' -> out.write('\\');
                case '"' -> out.write('"');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(0x0b);
                case '0' -> out.write(0);
                case 'x' -> {
                    if (i + 2 > text.length()) {
                        throw new IllegalArgumentException(where + ": \\x needs two hex digits");
                    }
                    out.write(parseHex(text.substring(i, i + 2), where));
                    i += 2;
                }
                case '{' -> i = repeat(text, i, out, where);
                default -> throw new IllegalArgumentException(where + ": unknown escape \\" + e);
            }
        }
        return out.toByteArray();
    }

    private static int repeat(String text, int start, ByteArrayOutputStream out, String where) {
        int colon = text.indexOf(':', start);
        int close = colon < 0 ? -1 : text.indexOf('}', colon);
        if (close < 0) {
            throw new IllegalArgumentException(where + ": \\{ needs the form \\{N:text}");
        }
        int count;
        try {
            count = Integer.parseInt(text.substring(start, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": bad repeat count in \\{" + text.substring(start, colon));
        }
        byte[] unit = text.substring(colon + 1, close).getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < count; k++) {
            out.writeBytes(unit);
        }
        return close + 1;
    }

    private static int parseHex(String digits, String where) {
        try {
            return Integer.parseInt(digits, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": bad hex escape \\x" + digits);
        }
    }

    /** Encodes bytes so that {@link #unescape} gives them back; long runs are compressed. */
    static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int run = 1;
            while (i + run < bytes.length && bytes[i + run] == bytes[i]) {
                run++;
            }
            if (run >= RUN_WORTH_COMPRESSING && isPrintable(b) && b != '\\' && b != '}') {
                sb.append("\\{").append(run).append(':').append((char) b).append('}');
                i += run;
                continue;
            }
            appendEscaped(sb, b);
            i++;
        }
        return sb.toString();
    }

    private static void appendEscaped(StringBuilder sb, int b) {
        switch (b) {
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case '\f' -> sb.append("\\f");
            case 0x0b -> sb.append("\\v");
            case 0 -> sb.append("\\0");
            default -> {
                if (isPrintable(b)) {
                    sb.append((char) b);
                } else {
                    sb.append(String.format("\\x%02x", b));
                }
            }
        }
    }

    /** Whether a line can be written literally: printable ASCII, no trailing blank, no long runs. */
    static boolean isPlainLine(byte[] line) {
        if (line.length > 0 && line[line.length - 1] == ' ') {
            return false;
        }
        int run = 0;
        for (int i = 0; i < line.length; i++) {
            if (!isPrintable(line[i] & 0xff)) {
                return false;
            }
            run = i > 0 && line[i] == line[i - 1] ? run + 1 : 1;
            if (run >= RUN_WORTH_COMPRESSING) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintable(int b) {
        return b >= 0x20 && b < 0x7f;
    }

    /**
     * Splits a run line's arguments: blank-separated words, each with escapes; a word in double
     * quotes may contain blanks, and {@code ""} is the empty argument.
     */
    static List<String> splitArguments(String text, String where) {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= text.length()) {
                return args;
            }
            StringBuilder raw = new StringBuilder();
            if (text.charAt(i) == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        raw.append(text.charAt(i++));
                    }
                    raw.append(text.charAt(i++));
                }
                if (i >= text.length()) {
                    throw new IllegalArgumentException(where + ": unterminated quoted argument");
                }
                i++;
            } else {
                while (i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        raw.append(text.charAt(i++));
                    }
                    raw.append(text.charAt(i++));
                }
            }
            args.add(new String(unescape(raw.toString(), where), StandardCharsets.UTF_8));
        }
    }

    /** Writes one argument so that {@link #splitArguments} reads it back. */
    static String quoteArgument(String arg) {
        boolean plain = !arg.isEmpty()
                && arg.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\');
        if (plain) {
            return arg;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : arg.getBytes(StandardCharsets.UTF_8)) {
            if (b == '"') {
                sb.append("\\\"");
            } else if (b == ' ') {
                sb.append(' ');
            } else {
                appendEscaped(sb, b & 0xff);
            }
        }
        return sb.append('"').toString();
    }
}
