package dev.jwrap.host.log;

import dev.jwrap.core.SyslogPriority;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The {@code -d} mirror: writes {@code ident[pid]: message} lines to a stream (stderr), without
 * the priority and timestamp syslog adds, so the trace stays easy to read and to parse.
 * Thread-safe (PrintStream locks per line).
 */
public final class StreamSyslog implements Syslog {

    private final PrintStream out;
    private final long pid;
    private final String prefix;

    /** A mirror to {@code out} with the tag {@code ident[pid]}. */
    public StreamSyslog(PrintStream out, String ident, long pid) {
        this.out = Objects.requireNonNull(out, "out");
        this.pid = pid;
        this.prefix = Objects.requireNonNull(ident, "ident") + "[" + pid + "]: ";
    }

    /** A mirror to this process's stderr. */
    public static StreamSyslog stderr(String ident) {
        return new StreamSyslog(System.err, ident, ProcessHandle.current().pid());
    }

    @Override
    public Syslog withIdent(String ident) {
        return new StreamSyslog(out, ident, pid);
    }

    @Override
    public void log(SyslogPriority priority, String message) {
        out.println(prefix + message);
    }
}
