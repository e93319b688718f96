package dev.jwrap.proxy.guard;

import dev.jwrap.core.TableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a guard configuration file. One directive per line; {@code #} starts a comment; words are
 * separated by blanks. Relative paths are taken from the file's directory.
 *
 * <ul>
 *   <li>{@code service DAEMON listen HOST:PORT to HOST:PORT [proxy-protocol v1|v2]} — one per
 *       guarded service, at least one
 *   <li>{@code allow FILE}, {@code deny FILE} — the tables (default /etc/hosts.allow, /etc/hosts.deny)
 *   <li>{@code per-source N} — concurrent connections per client address (0: unlimited)
 *   <li>{@code rate N} — new connections per client address per minute (0: unlimited)
 *   <li>{@code max-connections N} — concurrent connections in total (0: unlimited)
 *   <li>{@code idle-timeout D}, {@code connect-timeout D} — {@code 30}, {@code 30s}, {@code 500ms} or {@code 5m}
 * </ul>
 *
 * Every directive but {@code service} may appear once. The first problem ends the parse with a
 * {@link GuardConfigException} whose message is {@code file:line: reason}.
 */
public final class GuardConfigParser {

    private GuardConfigParser() {}

    /** Reads and validates {@code file}. */
    public static GuardConfig parse(Path file) throws GuardConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new GuardConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new GuardConfigException(file + ": " + e.getMessage());
        }
        return new Reader(file).read(lines);
    }

    /** The state of one parse: what was set so far. */
    private static final class Reader {
        private final Path file;
        private final Path directory;
        private final List<Route> routes = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private TableFile allow = TableFile.SYSTEM_ALLOW;
        private TableFile deny = TableFile.SYSTEM_DENY;
        private Limits limits = Limits.DEFAULTS;
        private int lineNumber;

        Reader(Path file) {
            this.file = file;
            Path parent = file.toAbsolutePath().getParent();
            this.directory = parent == null ? Path.of("/") : parent;
        }

        GuardConfig read(List<String> lines) throws GuardConfigException {
            for (String line : lines) {
                lineNumber++;
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!content.isEmpty()) {
                    try {
                        directive(content.split("\\s+"));
                    } catch (IllegalArgumentException e) {
                        throw error(e.getMessage());
                    }
                }
            }
            if (routes.isEmpty()) {
                throw new GuardConfigException(file + ": no service line (service DAEMON listen HOST:PORT to HOST:PORT)");
            }
            try {
                return new GuardConfig(routes, allow, deny, limits);
            } catch (IllegalArgumentException e) {
                throw new GuardConfigException(file + ": " + e.getMessage());
            }
        }

        private void directive(String[] words) throws GuardConfigException {
            String keyword = words[0].toLowerCase(Locale.ROOT);
            if (!keyword.equals("service") && !seen.add(keyword)) {
                throw error(keyword + " is given twice");
            }
            switch (keyword) {
                case "service" -> routes.add(service(words));
                case "allow" -> allow = TableFile.of(directory.resolve(single(words)));
                case "deny" -> deny = TableFile.of(directory.resolve(single(words)));
                case "per-source" -> limits = limits.withPerSource(count(words));
                case "rate" -> limits = limits.withPerSourcePerMinute(count(words));
                case "max-connections" -> limits = limits.withMaxConnections(count(words));
                case "idle-timeout" -> limits = limits.withIdleTimeout(duration(single(words)));
                case "connect-timeout" -> limits = limits.withConnectTimeout(duration(single(words)));
                default -> throw error("unknown directive \"" + words[0] + "\"");
            }
        }

        private Route service(String[] words) throws GuardConfigException {
            boolean shape = (words.length == 6 || words.length == 8) && words[2].equals("listen") && words[4].equals("to")
                    && (words.length == 6 || words[6].equals("proxy-protocol"));
            if (!shape) {
                throw error("expected: service DAEMON listen HOST:PORT to HOST:PORT [proxy-protocol v1|v2]");
            }
            ProxyProtocol proxy = words.length == 8 ? ProxyProtocol.parse(words[7]) : ProxyProtocol.NONE;
            return new Route(words[1], HostPort.parse(words[3]), HostPort.parse(words[5]), proxy);
        }

        private String single(String[] words) throws GuardConfigException {
            if (words.length != 2) {
                throw error(words[0] + " takes exactly one value");
            }
            return words[1];
        }

        private int count(String[] words) throws GuardConfigException {
            String value = single(words);
            try {
                int n = Integer.parseInt(value);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(words[0] + ": \"" + value + "\" is not a count (0 or more)");
        }

        private GuardConfigException error(String reason) {
            return new GuardConfigException(file + ":" + lineNumber + ": " + reason);
        }
    }

    /**
     * {@code 30} (seconds), {@code 30s}, {@code 500ms} or {@code 5m}; positive.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static Duration duration(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < lower.length() && Character.isDigit(lower.charAt(split))) {
            split++;
        }
        String unit = lower.substring(split);
        if (split == 0 || split > 9) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration (e.g. 30s, 500ms, 5m)");
        }
        long amount = Long.parseLong(lower.substring(0, split));
        Duration duration = switch (unit) {
            case "", "s" -> Duration.ofSeconds(amount);
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> throw new IllegalArgumentException("\"" + text + "\": unknown unit \"" + unit + "\" (ms, s, m)");
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("\"" + text + "\": a duration must be positive");
        }
        return duration;
    }
}
