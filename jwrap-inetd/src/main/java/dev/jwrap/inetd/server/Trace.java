package dev.jwrap.inetd.server;

import java.io.PrintStream;

/** The {@code -d} trace on stderr (inetd.md §3.9); {@link #OFF} without {@code -d}. */
@FunctionalInterface
public interface Trace {

    /** No trace. */
    Trace OFF = line -> {};

    void line(String text);

    /** Writes each line to {@code out}. */
    static Trace to(PrintStream out) {
        return out::println;
    }
}
