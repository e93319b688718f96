package dev.jwrap.core.tools;

import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.core.match.InetLiterals;
import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.syntax.Fields;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * tcpdchk's {@code check_host} (spec §8.2): criticises one host pattern, in this order —
 * {@code @netgroup} must have entries; a {@code /file} has each of its words checked in turn;
 * {@code net/mask} must be valid in the IPv4 or the IPv6 reading; {@code FAIL} is obsolete;
 * keywords and {@code [v6]} are fine; a name ending in a dot never matches; other names and
 * numeric addresses are looked up (and every address found double-checked back to a name).
 *
 * <p>Not thread-safe: one per tool run.
 */
final class HostChecker {

    /** fgets(buf, BUFSIZ): how much of a /file line one read takes. */
    private static final int FILE_CHUNK = 8191;

    private static final String FILE_WORD_SEPARATORS = " \t\r\n";

    private final ToolContext context;
    private final HostResolver resolver;
    private final Path cwd;
    private final Set<String> openFiles = new HashSet<>();

    HostChecker(ToolContext context, HostResolver resolver, Path cwd) {
        this.context = context;
        this.resolver = resolver;
        this.cwd = cwd;
    }

    /** Checks one pattern; the number of addresses a looked-up name has (1 when not looked up). */
    int check(String pat) {
        if (pat.startsWith("@")) {
            if (!resolver.netgroupHasEntries(pat.substring(1))) {
                context.warn(pat.substring(1) + ": unknown or empty netgroup");
            }
            return 1;
        }
        if (pat.startsWith("/")) {
            checkFile(pat);
            return 1;
        }
        int slash = Fields.splitIndex(pat, 0, '/');
        if (slash >= 0) {
            if (!validNetMask(pat.substring(0, slash), pat.substring(slash + 1))) {
                context.warn(pat + ": bad net/mask pattern");
            }
            return 1;
        }
        if (Ascii.equalsIgnoreCase(pat, "FAIL")) {
            RuleChecker.warnFail(context);
            return 1;
        }
        if (RuleChecker.reserved(pat) || isBracketedV6(pat)) {
            return 1;
        }
        if (notInetAddress(pat)) {
            if (pat.endsWith(".")) {
                context.warn(pat + ": domain or host name ends in dot");
                return 1;
            }
            return pat.startsWith(".") ? 1 : checkDns(pat);
        }
        if (pat.equals("0.0.0.0") || pat.equals("255.255.255.255")) {
            return 1;
        }
        if (pat.startsWith(".")) {
            context.warn(pat + ": network number begins with dot");
        } else if (!pat.endsWith(".")) {
            checkDns(pat); // an address: its count does not matter
        }
        return 1;
    }

    /**
     * tcpdchk's own net/mask test, looser than the matcher's: the IPv4 mask may be a dotted quad
     * or anything {@code atoi} reads as 1..32 (so {@code 8.8} passes); the IPv6 length is
     * {@code atoi} of the text, 0..128.
     */
    static boolean validNetMask(String net, String mask) {
        if (InetLiterals.dotQuad(net) != InetLiterals.NONE) {
            int bits = atoi(mask);
            if (InetLiterals.dotQuad(mask) != InetLiterals.NONE || (bits >= 1 && bits <= 32)) {
                return true;
            }
        }
        int len = atoi(mask);
        return isBracketedV6(net) && len >= 0 && len <= 128;
    }

    /** {@code [addr]} with an IPv6 address inet_pton accepts (no scope). */
    static boolean isBracketedV6(String pat) {
        return pat.length() >= 2 && pat.startsWith("[") && pat.endsWith("]")
                && InetLiterals.parseV6(pat.substring(1, pat.length() - 1)) != null;
    }

    /** libwrap's NOT_INADDR: a character other than digits, dots and slashes. */
    static boolean notInetAddress(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '/') {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code check_dns}: resolve the host (numeric forms first), warn when it is an alias, and
     * look every address up again by its name — the double check reports name/name and
     * name/address mismatches itself.
     */
    private int checkDns(String host) {
        Optional<HostResolver.ForwardLookup> answer = resolver.resolveHostArgument(host);
        if (answer.isEmpty()) {
            context.warn(host + ": host not found");
            return 0;
        }
        String canon = answer.get().canonicalName();
        if (canon != null && !Ascii.equalsIgnoreCase(canon, host) && !isNumeric(host)) {
            context.warn(host + ": hostname alias");
            context.warn("(official name: " + canon + ")");
        }
        for (InetAddress address : answer.get().addresses()) {
            HostEndpoint endpoint = HostEndpoint.ofSocket(new InetSocketAddress(address, 0));
            String name = endpoint.name(resolver, context.listener());
            if (Ascii.equalsIgnoreCase(name, HostEndpoint.UNKNOWN)) {
                context.warn("host address " + endpoint.address() + "->name lookup failed");
            }
        }
        return answer.get().addresses().size();
    }

    private static boolean isNumeric(String host) {
        return InetLiterals.inetAton(host) >= 0 || InetLiterals.parseV6IgnoringScope(host) != null;
    }

    /**
     * A {@code /file} pattern: every word on every line is checked as a host pattern, with the
     * file's name and line numbers in the messages. A file that cannot be read says nothing.
     */
    private void checkFile(String path) {
        if (!openFiles.add(path)) {
            return; // a file that names itself: C would recurse until it ran out of descriptors
        }
        try {
            String text = read(path);
            if (text == null) {
                return;
            }
            ToolContext.Where saved = context.save();
            context.enter(path);
            int line = 0;
            int pos = 0;
            while (pos < text.length()) {
                int end = Math.min(text.length(), pos + FILE_CHUNK);
                int newline = text.indexOf('\n', pos);
                if (newline >= 0 && newline < end) {
                    end = newline + 1;
                }
                context.line(++line);
                for (String word : Fields.tokens(text.substring(pos, end), FILE_WORD_SEPARATORS)) {
                    check(word);
                }
                pos = end;
            }
            context.restore(saved);
        } finally {
            openFiles.remove(path);
        }
    }

    private String read(String path) {
        try {
            Path p = cwd.resolve(path);
            return Files.isDirectory(p) ? null : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** C {@code atoi}: optional blanks and sign, then digits; anything else ends it; none = 0. */
    static int atoi(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        boolean negative = i < n && s.charAt(i) == '-';
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        long v = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = Math.min(v * 10 + (s.charAt(i++) - '0'), 1L << 40); // saturate: any huge value is invalid anyway
        }
        return Math.clamp(negative ? -v : v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
