package dev.jwrap.host.access;

import dev.jwrap.core.OptionEffects;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The options of a matched rule that act on the connection itself, as tcpd carries them out:
 * banners are written to the client at once, {@code keepalive} and {@code linger} are set on the
 * socket. Every other option does nothing here; a server that starts programs extends this class
 * for spawn, setenv, umask, nice and user/group. Used by one connection's thread only.
 */
public class SocketOptionEffects implements OptionEffects {

    private final SocketChannel connection;
    private final Syslog log;

    /**
     * @param connection the client's connection, or null for a datagram (nothing to write to or set)
     * @param log where a failing {@code setsockopt} is reported
     */
    public SocketOptionEffects(SocketChannel connection, Syslog log) {
        this.connection = connection;
        this.log = log;
    }

    @Override
    public void banner(byte[] text) {
        if (connection == null) {
            return;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                connection.write(buffer);
            }
        } catch (IOException e) {
            // tcpd ignores a client that went away during the banner; the service then sees EOF
        }
    }

    @Override
    public void keepalive() {
        setOption(() -> connection.setOption(StandardSocketOptions.SO_KEEPALIVE, true), "keepalive");
    }

    @Override
    public void linger(int seconds) {
        setOption(() -> connection.setOption(StandardSocketOptions.SO_LINGER, seconds == 0 ? -1 : seconds), "linger");
    }

    private interface SocketAction {
        void run() throws IOException;
    }

    private void setOption(SocketAction action, String name) {
        if (connection == null) {
            return;
        }
        try {
            action.run();
        } catch (IOException e) {
            log.warning("setsockopt " + name + ": " + e.getMessage());
        }
    }
}
