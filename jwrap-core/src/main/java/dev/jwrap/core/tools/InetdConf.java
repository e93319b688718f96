package dev.jwrap.core.tools;

import dev.jwrap.core.source.LogicalLine;
import dev.jwrap.core.source.TableReader;
import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.syntax.Fields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * inetd.conf as tcpdchk and tcpdmatch read it (spec §8.3): only to learn which process names are
 * started through tcpd, and to warn about entries that look wrong on the way.
 *
 * <p>Grammar, one entry per logical line (backslash-newline continues a line, as in the access
 * tables, but with an 8192-byte buffer); words are separated by blanks, tabs, CR and LF:
 * <pre>
 *   service [endpoint] protocol wait user [path] [rpc-versions] path [argc] argv0 [argv1 ...]
 * </pre>
 * <ul>
 *   <li>an empty line or a first word starting with {@code #} is skipped;
 *   <li>{@code endpoint} is absent when the first word is {@code stream} or {@code dgram};
 *   <li>a {@code user} starting with {@code /} is the path (no user field);
 *   <li>a leading {@code ?} of the path is dropped; {@code internal} services are skipped;
 *   <li>a path made of digits and {@code -} is an RPC version range: the next word is the path;
 *   <li>an all-digit argv0 is a tlid.conf argument count: the next word is argv0.
 * </ul>
 * Each entry is then classified: a path whose basename is {@code tcpd} wraps the process named
 * by argv0 (its basename when absolute); {@code miscd} counts as wrapped; otherwise the service
 * is not wrapped when the path is {@code REAL_DAEMON_DIR/argv0} or no such file exists, and
 * maybe wrapped when it does. Keywords compare ignoring case, as libwrap's {@code STR_EQ} does.
 *
 * <p>Not thread-safe: one per tool run.
 */
public final class InetdConf {

    /** libwrap's {@code WR_YES}, {@code WR_NOT}, {@code WR_MAYBE}. */
    public enum Wrapping {
        WRAPPED,
        NOT_WRAPPED,
        MAYBE
    }

    /**
     * One service entry.
     *
     * @param line the line number of the entry (the last physical line of a continued one)
     * @param service the first word
     * @param protocol the protocol word ({@code tcp}, {@code rpc/tcp}, ...)
     * @param path the program path, without a leading {@code ?}
     * @param arg0 the program's argv[0]
     * @param arg1 argv[1], or "" when there is none
     * @param processName the name the tables know the service by (the key of the registry)
     * @param wrapping whether tcpd guards it
     */
    public record Entry(int line, String service, String protocol, String path, String arg0, String arg1,
            String processName, Wrapping wrapping) {}

    /**
     * The outcome of reading.
     *
     * @param name the file's name as the tools print it, or null when no file was read
     *     (printed {@code (null)})
     * @param entries the service entries, in file order
     * @param openError {@code open <file>: <reason>} when a file named with {@code -i} could not
     *     be opened (the C tools then exit with status 1), else null
     */
    public record Loaded(String name, List<Entry> entries, String openError) {
        public Loaded {
            entries = List.copyOf(entries);
        }

        /** The file name as the C tools print it. */
        public String displayName() {
            return name == null ? "(null)" : name;
        }
    }

    /** stdio's BUFSIZ: libwrap's inetd.conf reader uses it instead of the tables' 2048. */
    static final int BUFFER_SIZE = 8192;

    private static final String WORD_SEPARATORS = " \t\r\n";

    private final ToolEnvironment env;
    private final Path cwd;
    private final ToolContext context;
    private final PathCheck paths;

    InetdConf(ToolEnvironment env, Path cwd, ToolContext context) {
        this.env = env;
        this.cwd = cwd;
        this.context = context;
        this.paths = new PathCheck(env.probe(), cwd, context);
    }

    /**
     * Reads {@code explicit} ({@code -i}), or the environment's default inetd.conf when it is null.
     * A default file that cannot be opened is no error: there is just no file.
     */
    Loaded load(String explicit) {
        if (explicit != null) {
            byte[] content;
            try {
                content = read(cwd.resolve(explicit));
            } catch (IOException | RuntimeException e) {
                String why = e instanceof IOException io ? Strerror.of(io) : PathProbe.ENOENT;
                return new Loaded(explicit, List.of(), "open " + explicit + ": " + why);
            }
            return new Loaded(explicit, parse(explicit, content), null);
        }
        String name = env.inetdConf();
        byte[] content;
        try {
            content = read(cwd.resolve(name));
        } catch (IOException | RuntimeException e) {
            return new Loaded(null, List.of(), null);
        }
        paths.check(name);
        return new Loaded(name, parse(name, content), null);
    }

    /** fopen succeeds on a directory and the first read fails: an empty file. */
    private static byte[] read(Path p) throws IOException {
        return Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p);
    }

    /** Parses and checks the entries of one file, warning with its name and line numbers. */
    List<Entry> parse(String name, byte[] content) {
        ToolContext.Where saved = context.save();
        context.enter(name);
        List<Entry> entries = new ArrayList<>();
        for (LogicalLine line : TableReader.read(content, BUFFER_SIZE)) {
            context.line(line.lineNumber());
            Entry e = entry(line);
            if (e != null) {
                entries.add(e);
            }
        }
        context.restore(saved);
        return entries;
    }

    private Entry entry(LogicalLine line) {
        Iterator<String> words = Fields.tokens(line.text(), WORD_SEPARATORS).iterator();
        String service = next(words);
        if (service == null || service.startsWith("#")) {
            return null;
        }
        if (!Ascii.equalsIgnoreCase(service, "stream") && !Ascii.equalsIgnoreCase(service, "dgram")) {
            next(words); // endpoint
        }
        String protocol = next(words);
        next(words); // wait
        String user = next(words);
        if (user == null) {
            return null;
        }
        String path = user.startsWith("/") ? user : next(words);
        if (path == null) {
            return null;
        }
        if (path.startsWith("?")) {
            path = path.substring(1); // IRIX: optional service
        }
        if (Ascii.equalsIgnoreCase(path, "internal")) {
            return null;
        }
        if (only(path, "-0123456789") && (path = next(words)) == null) {
            return null; // ConvexOS: RPC version numbers before the path
        }
        String arg0 = next(words);
        if (arg0 != null && only(arg0, "0123456789")) {
            arg0 = next(words); // tlid.conf: argument count before the arguments
        }
        if (arg0 == null) {
            context.warn("incomplete line");
            return null;
        }
        String arg1 = next(words);
        return classify(line.lineNumber(), service, protocol, path, arg0, arg1 == null ? "" : arg1);
    }

    /** libwrap's {@code inet_chk}: warnings about one entry, and whether tcpd wraps it. */
    private Entry classify(int line, String service, String protocol, String path, String arg0, String arg1) {
        String base = baseName(path);
        String procName = arg0.startsWith("/") ? baseName(arg0) : arg0;
        PathProbe.Status program = paths.check(path);
        if (!program.exists()) {
            context.warn(path + ": not found: " + program.error());
        } else if ((program.mode() & 0100) == 0) {
            context.warn(path + ": not executable");
        }
        if (Ascii.equalsIgnoreCase(base, "miscd")) {
            // no longer checked in detail: counts as wrapped, under argv0 as written
            return new Entry(line, service, protocol, path, arg0, arg1, arg0, Wrapping.WRAPPED);
        }
        if (Ascii.equalsIgnoreCase(procName, "rexd") || Ascii.equalsIgnoreCase(procName, "rpc.rexd")) {
            context.warn(procName + " may be an insecure service");
        }
        Wrapping wrapping;
        if (Ascii.equalsIgnoreCase(base, "tcpd")) {
            wrapping = Wrapping.WRAPPED;
            checkTcpdEntry(path, program, arg0, arg1, procName);
        } else {
            wrapping = guessWrapping(path, arg0);
        }
        if (wrapping == Wrapping.WRAPPED && protocol != null && Ascii.equalsIgnoreCase(protocol, "rpc/tcp")) {
            context.warn(procName + ": cannot wrap rpc/tcp services");
        }
        return new Entry(line, service, protocol, path, arg0, arg1, procName, wrapping);
    }

    private void checkTcpdEntry(String path, PathProbe.Status tcpd, String arg0, String arg1, String procName) {
        if (Ascii.equalsIgnoreCase(procName, "tcpd")) {
            context.warn(procName + " is recursively calling itself");
        }
        if (tcpd.exists() && (tcpd.mode() & 06000) != 0) {
            context.warn(path + ": file is set-uid or set-gid");
        }
        if (arg0.startsWith("/") && Ascii.equalsIgnoreCase(procName, baseName(arg1))) {
            context.warn(path + " inserted before " + arg0);
        }
        if (arg0.startsWith("/")) {
            PathProbe.Status daemon = paths.check(arg0);
            if (!daemon.exists()) {
                context.warn(arg0 + ": not found: " + daemon.error());
            } else if ((daemon.mode() & 0100) == 0) {
                context.warn(arg0 + ": not executable");
            }
        } else {
            // tcpd runs a relative argv0 from REAL_DAEMON_DIR
            String daemonPath = env.realDaemonDir() + "/" + arg0;
            PathProbe.Status daemon = paths.check(daemonPath);
            if (!daemon.exists()) {
                context.warn(arg0 + ": not found in " + env.realDaemonDir() + ": " + daemon.error());
            } else if ((daemon.mode() & 0100) == 0) {
                context.warn(daemonPath + ": not executable");
            }
        }
    }

    /**
     * No tcpd in the path: perhaps the "simple installation" (the real daemon moved away and tcpd
     * installed under its name). Only a distinct file in REAL_DAEMON_DIR suggests that.
     */
    private Wrapping guessWrapping(String path, String arg0) {
        String daemonPath = env.realDaemonDir() + "/" + arg0;
        if (Ascii.equalsIgnoreCase(path, daemonPath)) {
            return Wrapping.NOT_WRAPPED;
        }
        PathProbe.Status daemon = paths.check(daemonPath);
        if (daemon.exists()) {
            return Wrapping.MAYBE;
        }
        if (daemon.missing()) {
            return Wrapping.NOT_WRAPPED;
        }
        context.warn(daemonPath + ": file lookup: " + daemon.error());
        return Wrapping.MAYBE;
    }

    private static String next(Iterator<String> words) {
        return words.hasNext() ? words.next() : null;
    }

    /** C {@code s[strspn(s, chars)] == 0}: every character is one of {@code chars} (true for ""). */
    private static boolean only(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
