package dev.jwrap.host.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Tells systemd how a {@code Type=notify} service is doing (sd_notify(3)): one datagram of
 * {@code KEY=value} lines to the AF_UNIX socket named by {@code NOTIFY_SOCKET} (a path, or an
 * abstract name written with a leading {@code @}). Without that variable every call does nothing,
 * so the server can always call it. Messages are best effort: systemd not listening is no error.
 * Thread-safe.
 */
public final class SystemdNotifier implements AutoCloseable {

    /** The variable systemd sets for a notify service; children must not inherit it. */
    public static final String VARIABLE = "NOTIFY_SOCKET";

    private final UnixDatagramSocket socket;

    private SystemdNotifier(UnixDatagramSocket socket) {
        this.socket = socket;
    }

    /**
     * The notifier for {@code environment}'s {@code NOTIFY_SOCKET}, or one that does nothing.
     *
     * @throws IOException when the variable names no usable socket address
     */
    public static SystemdNotifier fromEnvironment(Map<String, String> environment) throws IOException {
        String path = environment.get(VARIABLE);
        return new SystemdNotifier(path == null || path.isEmpty() ? null : UnixDatagramSocket.open(path));
    }

    /** Startup finished: the sockets are open. */
    public void ready() {
        send("READY=1\nMAINPID=" + ProcessHandle.current().pid());
    }

    /** A reload (SIGHUP) starts; call {@link #ready} when it is done. */
    public void reloading() {
        send("RELOADING=1");
    }

    /** Shutdown starts. */
    public void stopping() {
        send("STOPPING=1");
    }

    private void send(String message) {
        if (socket != null) {
            socket.send(message.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
