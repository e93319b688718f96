package dev.jwrap.core.match;

import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.diag.Diagnostic;

/**
 * The {@code %} expansions of hosts_access(5) (spec §5), with libwrap's sanitising: every
 * character of an expanded value outside {@code 0-9 a-z A-Z ! @ % - _ = + : , . /} becomes
 * {@code _}, and — as in libwrap, which edits its cached strings in place — the request keeps the
 * sanitised value. Literal template text is copied unchanged.
 */
public final class PercentExpander {

    /** Largest expansion libwrap's 8191-byte buffer holds (option values). */
    public static final int MAX_LENGTH = 8190;

    /** Largest banner line expansion: libwrap expands banners into a buffer twice as large. */
    public static final int MAX_BANNER_LENGTH = 16382;

    private PercentExpander() {}

    /** Expands {@code template} for {@code request}. */
    public static String expand(String template, AccessRequest request) {
        return expand(template, request, MAX_LENGTH);
    }

    /** Expands {@code template}, failing when the result exceeds {@code maxLength} characters. */
    public static String expand(String template, AccessRequest request, int maxLength) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < n) {
                char key = template.charAt(i + 1);
                i += 2;
                out.append(value(key, request));
            } else {
                out.append(c);
                i++;
            }
            if (out.length() > maxLength) {
                String head = out.length() > 30 ? out.substring(0, 30) : out.toString();
                throw new ExpansionTooLongException("percent_x: expansion too long: " + head + "...");
            }
        }
        return out.toString();
    }

    private static String value(char key, AccessRequest r) {
        return switch (key) {
            case 'a' -> r.client().sanitizeAddress();
            case 'A' -> r.server().sanitizeAddress();
            case 'c' -> sanitize(r.clientInfo());
            case 'd' -> {
                r.setDaemon(sanitize(r.daemon()));
                yield r.daemon();
            }
            case 'h' -> r.client().sanitizeHostInfo();
            case 'H' -> r.server().sanitizeHostInfo();
            case 'n' -> {
                r.clientName();
                yield r.client().sanitizeName();
            }
            case 'N' -> {
                r.serverName();
                yield r.server().sanitizeName();
            }
            case 'p' -> Long.toString(ProcessHandle.current().pid());
            case 'r' -> Integer.toString(r.client().socketAddress().map(a -> a.getPort()).orElse(0));
            case 'R' -> Integer.toString(r.server().socketAddress().map(a -> a.getPort()).orElse(0));
            case 's' -> sanitize(r.serverInfo());
            case 'u' -> {
                r.setUser(sanitize(r.user()));
                yield r.user();
            }
            case '%' -> "%";
            default -> {
                r.diagnostics().report(Diagnostic.warning("unrecognized %" + key));
                yield "";
            }
        };
    }

    /** Replaces every character outside libwrap's safe set by {@code _}. */
    public static String sanitize(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            if (!isSafe(s.charAt(i))) {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = '_';
            }
        }
        return chars == null ? s : new String(chars);
    }

    static boolean isSafe(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || "!@%-_=+:,./".indexOf(c) >= 0;
    }
}
