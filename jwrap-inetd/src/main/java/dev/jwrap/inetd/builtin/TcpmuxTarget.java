package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * A service reachable through TCPMUX: the supervisor's side, which starts the configured server on
 * the connection. Thread-safe.
 */
public interface TcpmuxTarget {

    /** Whether jwrap sends {@code +Go} ({@code tcpmux/+NAME}); else the server does. */
    boolean plus();

    /**
     * Takes over {@code connection}: from here on the target owns it and closes it. A target that
     * checks its clients calls {@code acknowledge} (which sends {@code +Go} for a {@code plus}
     * service) only once the client is admitted, before the server starts; a refused client gets no
     * acknowledgement.
     */
    void start(SocketChannel connection, Acknowledgement acknowledge);

    /** Sends the positive TCPMUX reply when the service wants jwrap to send it. */
    @FunctionalInterface
    interface Acknowledgement {
        void send() throws IOException;
    }
}
