package dev.jwrap.audit.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads inetd.conf for the audit (grammar of inetd spec §2): a line whose first character is
 * {@code #} is a comment (so Debian's {@code #<off>#} lines are disabled entries), a blank line is
 * skipped, and a line starting with a space or tab continues the entry above it. {@code host:}
 * lines set no service. An entry with fewer than the six fields {@code service socktype proto wait
 * user server} is reported as {@code file:line: reason}, never thrown.
 *
 * <p>jwrap-inetd's own parser is written for serving: it resolves ports, rejects RPC entries and
 * forgets which physical lines an entry took. The audit must judge RPC entries and harden must
 * comment out every line of an entry, so this small reader keeps the text's structure instead.
 * Stateless.
 */
public final class InetdConfFile {

    private static final int FIELDS = 6;

    private InetdConfFile() {}

    /**
     * The inetd configuration of the tree at {@code root}: {@code etc/inetd.conf} if it exists,
     * then the regular files of {@code etc/inetd.d} in name order. A directory that cannot be
     * listed is handed to {@code unlistable} and contributes nothing.
     */
    public static List<Path> files(Path root, Consumer<IOException> unlistable) {
        List<Path> files = new ArrayList<>();
        Path conf = root.resolve("etc/inetd.conf");
        if (Files.exists(conf)) {
            files.add(conf);
        }
        Path dir = root.resolve("etc/inetd.d");
        if (Files.isDirectory(dir)) {
            try (var list = Files.list(dir)) {
                list.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                unlistable.accept(e);
            }
        }
        return files;
    }

    /** Parses the text of {@code name}, keeping line numbers. */
    public static Parsed<InetdEntry> parse(String name, String text) {
        List<String> lines = physicalLines(text);
        List<InetdEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("#") || line.isBlank() || line.startsWith(" ") || line.startsWith("\t")) {
                i++;
                continue; // a stray indented line after a comment belongs to nothing openbsd-inetd reads
            }
            int first = i;
            List<String> fields = new ArrayList<>(words(line));
            while (i + 1 < lines.size() && startsWithBlank(lines.get(i + 1)) && !lines.get(i + 1).isBlank()) {
                fields.addAll(words(lines.get(++i)));
            }
            i++;
            if (fields.size() == 1 && fields.getFirst().endsWith(":")) {
                continue; // host: line
            }
            if (fields.size() < FIELDS) {
                problems.add(name + ":" + (first + 1) + ": incomplete entry: " + fields.size() + " of the " + FIELDS
                        + " fields service, socket type, protocol, wait, user, server");
                continue;
            }
            String service = fields.get(0);
            int colon = service.lastIndexOf(':');
            if (colon >= 0) {
                service = service.substring(colon + 1);
            }
            entries.add(new InetdEntry(name, first + 1, i, service, fields.get(1), fields.get(2), fields.get(3),
                    fields.get(4), fields.get(5), fields.subList(FIELDS, fields.size())));
        }
        return new Parsed<>(entries, problems);
    }

    /** Lines without their LF or CR LF; a last line without newline counts. */
    static List<String> physicalLines(String text) {
        List<String> out = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (!out.isEmpty() && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }

    private static boolean startsWithBlank(String line) {
        return line.startsWith(" ") || line.startsWith("\t");
    }

    private static List<String> words(String line) {
        String t = line.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("[ \t]+"));
    }
}
