package dev.jwrap.host.embed;

import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * The access check for a server's own accept loop: call {@link #admit} first thing on each
 * accepted connection (ideally on the connection's own virtual thread, so the loop goes on
 * accepting while names are looked up). A refused connection gets tcpd's treatment — banner
 * written, log line, closed — and {@code admit} answers false; an allowed one gets its banner
 * and socket options and is handed back open.
 *
 * <pre>{@code
 * AccessFilter filter = new AccessFilter(EmbeddedAccess.builder("myd", () -> policy, syslog).build());
 * while (true) {
 *     SocketChannel c = server.accept();
 *     Thread.startVirtualThread(() -> { if (filter.admit(c)) serve(c); });
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AccessFilter {

    private final EmbeddedAccess access;

    public AccessFilter(EmbeddedAccess access) {
        this.access = access;
    }

    /**
     * Checks {@code connection}, waiting at most the check timeout.
     *
     * @return true when it may be served; false when it was refused and is now closed
     */
    public boolean admit(SocketChannel connection) {
        return admit(Connection.of(connection));
    }

    /** Like {@link #admit(SocketChannel)} for a socket from {@code ServerSocket.accept()}. */
    public boolean admit(Socket connection) {
        return admit(Connection.of(connection));
    }

    boolean admit(Connection connection) {
        InetSocketAddress client;
        InetSocketAddress server;
        try {
            client = connection.remote();
            server = connection.local();
        } catch (IOException e) {
            connection.close(); // already closed by the peer: nothing to check
            return false;
        }
        if (client == null || server == null) {
            connection.close();
            return false;
        }
        Admission admission = access.checkAsync(client, server).join();
        apply(admission, connection, access.log());
        if (!admission.granted()) {
            connection.close();
        }
        return admission.granted();
    }

    /** Banner first (tcpd writes it before anything else), then the socket options. */
    private static void apply(Admission admission, Connection connection, Syslog log) {
        try {
            if (admission.banner().length > 0) {
                connection.write(admission.banner());
            }
        } catch (IOException e) {
            // tcpd ignores a client that left during the banner; the server then sees EOF
        }
        try {
            if (admission.keepalive()) {
                connection.keepalive();
            }
            if (admission.linger().isPresent()) {
                connection.linger(admission.linger().getAsInt());
            }
        } catch (IOException e) {
            log.warning("setsockopt: " + e.getMessage());
        }
    }
}
