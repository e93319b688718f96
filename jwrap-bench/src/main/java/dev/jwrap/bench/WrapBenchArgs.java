package dev.jwrap.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@code wrapbench.c}, parsed the way its {@code getopt(argc, argv,
 * "a:d:q:k:t:n:v")} and {@code atof}/{@code atol} calls read it: an option's value is the rest of
 * its word or the next word, {@code -v} may be clustered, words that are no options are passed
 * over (GNU getopt permutes them to the end), {@code --} ends the options.
 *
 * @param allow hosts.allow path ({@code -a})
 * @param deny hosts.deny path ({@code -d})
 * @param queries queries.tsv path ({@code -q})
 * @param kind {@code all}, {@code hit} or {@code miss} ({@code -k}; any other word selects lines of that kind)
 * @param maxSeconds time bound of the measurement ({@code -t}, default 5)
 * @param maxDecisions decision bound of the measurement ({@code -n}, default 10,000,000)
 * @param verify oracle mode ({@code -v})
 */
record WrapBenchArgs(
        String allow, String deny, String queries, String kind, double maxSeconds, long maxDecisions, boolean verify) {

    static final String USAGE =
            "usage: wrapbench -a allow -d deny -q queries.tsv [-k all|hit|miss] [-t max_seconds] [-n max_decisions] [-v]";

    private static final Pattern C_DOUBLE = Pattern.compile("^[ \\t\\n\\r\\f\\u000b]*([+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");
    private static final Pattern C_LONG = Pattern.compile("^[ \\t\\n\\r\\f\\u000b]*([+-]?\\d+)");

    /** A command line wrapbench.c rejects with its usage message (exit status 2). */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static WrapBenchArgs parse(String[] argv) throws UsageException {
        String allow = null;
        String deny = null;
        String queries = null;
        String kind = "all";
        double maxSeconds = 5.0;
        long maxDecisions = 10_000_000L;
        boolean verify = false;
        for (int i = 0; i < argv.length; i++) {
            String word = argv[i];
            if (word.equals("--")) {
                break;
            }
            if (!word.startsWith("-") || word.length() == 1) {
                continue;
            }
            for (int j = 1; j < word.length(); j++) {
                char c = word.charAt(j);
                if (c == 'v') {
                    verify = true;
                    continue;
                }
                if ("adqktn".indexOf(c) < 0) {
                    throw new UsageException("wrapbench: invalid option -- '" + c + "'");
                }
                String value;
                if (j + 1 < word.length()) {
                    value = word.substring(j + 1);
                } else if (i + 1 < argv.length) {
                    value = argv[++i];
                } else {
                    throw new UsageException("wrapbench: option requires an argument -- '" + c + "'");
                }
                switch (c) {
                    case 'a' -> allow = value;
                    case 'd' -> deny = value;
                    case 'q' -> queries = value;
                    case 'k' -> kind = value;
                    case 't' -> maxSeconds = atof(value);
                    case 'n' -> maxDecisions = atol(value);
                    default -> throw new IllegalStateException("unhandled option " + c);
                }
                break;
            }
        }
        if (allow == null || deny == null || queries == null || !(maxSeconds > 0) || maxDecisions <= 0) {
            throw new UsageException(null);
        }
        return new WrapBenchArgs(allow, deny, queries, kind, maxSeconds, maxDecisions, verify);
    }

    /** C {@code atof}: the longest leading decimal number, 0 when there is none. */
    static double atof(String s) {
        Matcher m = C_DOUBLE.matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** C {@code atol}: the leading decimal integer, 0 when there is none (saturating). */
    static long atol(String s) {
        Matcher m = C_LONG.matcher(s);
        if (!m.find()) {
            return 0;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return m.group(1).startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
