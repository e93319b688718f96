package dev.jwrap.proxy.tcpd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code jwrap tcpd}'s command line without a parser library, so the wrapper's start-up
 * loads nothing it does not need:
 * {@code [--allow FILE] [--deny FILE] [--refusal-delay SECONDS] [--] DAEMON [ARGS...]}. Options end
 * at the first word that is not one (the daemon's own options pass through untouched). Stateless.
 */
public final class TcpdArguments {

    private TcpdArguments() {}

    /**
     * @throws IllegalArgumentException with a one-line message when the command line is unusable
     */
    public static TcpdSettings parse(String... args) {
        TcpdSettings defaults = TcpdSettings.of(List.of());
        Path allow = defaults.allow();
        Path deny = defaults.deny();
        Duration delay = defaults.refusalDelay();
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            String arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            switch (name) {
                case "--allow" -> allow = Path.of(value);
                case "--deny" -> deny = Path.of(value);
                case "--refusal-delay" -> delay = seconds(value);
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (expected --allow FILE, --deny FILE, or the daemon)");
            }
            i++;
        }
        if (i >= args.length) {
            throw new IllegalArgumentException("no daemon given: usage: jwrap tcpd [--allow FILE] [--deny FILE]"
                    + " DAEMON [ARGS...]");
        }
        return new TcpdSettings(allow, deny, delay, Arrays.asList(args).subList(i, args.length));
    }

    private static Duration seconds(String value) {
        try {
            Duration d = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            if (d.isNegative()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--refusal-delay: not a number of seconds: \"" + value + "\"");
        }
    }
}
