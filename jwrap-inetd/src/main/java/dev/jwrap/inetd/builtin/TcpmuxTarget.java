package dev.jwrap.inetd.builtin;

import java.nio.channels.SocketChannel;

/**
 * A service reachable through TCPMUX: the supervisor's side, which starts the configured server on
 * the connection. Thread-safe.
 */
public interface TcpmuxTarget {

    /** Whether jwrap sends {@code +Go} before {@link #start} ({@code tcpmux/+NAME}); else the server does. */
    boolean plus();

    /** Takes over {@code connection}: from here on the target owns it and closes it. */
    void start(SocketChannel connection);
}
