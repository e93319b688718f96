package dev.jwrap.host.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a spawned probe shell reported about itself through its socket: the shell reads its own
 * /proc entries (it is the exec'd process, so $$ is the child's pid) and writes them in
 * {@code ==section==} blocks, then echoes one line back to prove the data path. The status is
 * read with shell builtins only: while dash waits for a command it runs, it blocks every signal,
 * and a {@code cat} would see that mask instead of the one the child started with.
 */
final class ChildReport {

    /** Argument for {@code /bin/sh -c}: report, then wait for a line and echo it. */
    static final String PROBE = """
            P=$$
            echo ==stat==; /bin/cat /proc/$P/stat
            echo ==status==; while IFS= read -r l; do echo "$l"; done < /proc/$P/status
            echo ==fds==; /bin/ls /proc/$P/fd
            echo ==links==; /bin/readlink /proc/$P/fd/0 /proc/$P/fd/1 /proc/$P/fd/2
            echo ==environ==; /bin/cat /proc/$P/environ; echo
            echo ==cmdline==; /bin/cat /proc/$P/cmdline; echo
            echo "==e""nd=="
            IFS= read -r line; echo "got:$line"
            """;

    /** The script spells it split, so that its own text (shown in cmdline) never ends the report. */
    private static final String END = "==end==\n";

    private final Map<String, String> sections;

    private ChildReport(Map<String, String> sections) {
        this.sections = sections;
    }

    /** Reads the report from the client side of the connection, up to the end marker. */
    static ChildReport read(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        while (!buffer.toString(StandardCharsets.ISO_8859_1).endsWith(END)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("probe closed before the end marker; got: " + buffer.toString(StandardCharsets.ISO_8859_1));
            }
            buffer.write(b);
        }
        return parse(buffer.toString(StandardCharsets.ISO_8859_1));
    }

    static ChildReport parse(String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("==") && line.endsWith("==") && line.length() > 4) {
                if (name != null) {
                    sections.put(name, body.toString());
                }
                name = line.substring(2, line.length() - 2);
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        return new ChildReport(sections);
    }

    String section(String name) {
        String s = sections.get(name);
        if (s == null) {
            throw new AssertionError("no section " + name + " in " + sections.keySet());
        }
        return s;
    }

    /** A field of /proc/PID/status, e.g. {@code Uid} → {@code 0\t0\t0\t0}. */
    String status(String field) {
        for (String line : section("status").split("\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + field + " in status");
    }

    /** Field {@code n} (1-based, as in proc(5)) of /proc/PID/stat. */
    long stat(int n) {
        String stat = section("stat").strip();
        // comm may contain spaces: the fields after it start after the last ')'.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return n == 1 ? Long.parseLong(stat.substring(0, stat.indexOf(' '))) : Long.parseLong(rest[n - 3]);
    }

    int pid() {
        return (int) stat(1);
    }

    List<String> fds() {
        return section("fds").lines().filter(l -> !l.isEmpty()).toList();
    }

    List<String> links() {
        return section("links").lines().filter(l -> !l.isEmpty()).toList();
    }

    List<String> environment() {
        return nulSeparated(section("environ"));
    }

    List<String> argv() {
        return nulSeparated(section("cmdline"));
    }

    private static List<String> nulSeparated(String s) {
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return Arrays.stream(body.split("\0")).filter(e -> !e.isEmpty()).toList();
    }
}
