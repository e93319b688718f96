package dev.jwrap.proxy.guard;

import dev.jwrap.core.OptionEffects;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a matched rule's options do to a guarded connection: banners go to the client at once,
 * keepalive and linger are set on the client socket, {@code spawn} runs and is waited for, and
 * {@code setenv} values are kept for a {@code twist} command. umask, nice and user concern a
 * program tcpd would start; the backend daemon is already running, so they have nothing to act on.
 * Used by one connection's thread only.
 */
final class ConnectionEffects implements OptionEffects {

    private final SocketChannel client;
    private final ShellCommands shell;
    private final Syslog log;
    private final List<String> environment = new ArrayList<>();

    ConnectionEffects(SocketChannel client, ShellCommands shell, Syslog log) {
        this.client = client;
        this.shell = shell;
        this.log = log;
    }

    @Override
    public void banner(byte[] text) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                client.write(buffer);
            }
        } catch (IOException e) {
            // a client gone during the banner: tcpd carries on, and so does the guard
        }
    }

    @Override
    public void spawn(String command) {
        shell.runBeside(command, environment, log);
    }

    @Override
    public void setenv(String name, String value) {
        environment.add(name + "=" + value);
    }

    @Override
    public void keepalive() {
        set(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    @Override
    public void linger(int seconds) {
        set(StandardSocketOptions.SO_LINGER, seconds == 0 ? -1 : seconds);
    }

    /** The {@code setenv} values so far, for a {@code twist} command. */
    List<String> environment() {
        return environment;
    }

    private <T> void set(SocketOption<T> option, T value) {
        try {
            client.setOption(option, value);
        } catch (IOException e) {
            log.warning("setsockopt " + option.name() + ": " + e.getMessage());
        }
    }
}
