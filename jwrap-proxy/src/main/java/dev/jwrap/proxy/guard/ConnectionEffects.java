package dev.jwrap.proxy.guard;

import dev.jwrap.host.access.SocketOptionEffects;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ShellCommands;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a matched rule's options do to a guarded connection: banners, keepalive and linger act on
 * the client socket (the shared socket effects), {@code spawn} runs and is waited for, and
 * {@code setenv} values are kept for a {@code twist} command. umask, nice and user concern a
 * program tcpd would start; the backend daemon is already running, so they have nothing to act on.
 * Used by one connection's thread only.
 */
final class ConnectionEffects extends SocketOptionEffects {

    private final ShellCommands shell;
    private final Syslog log;
    private final List<String> environment = new ArrayList<>();

    ConnectionEffects(SocketChannel client, ShellCommands shell, Syslog log) {
        super(client, log);
        this.shell = shell;
        this.log = log;
    }

    @Override
    public void spawn(String command) {
        shell.runBeside(command, environment, log);
    }

    @Override
    public void setenv(String name, String value) {
        environment.add(name + "=" + value);
    }

    /** The {@code setenv} values so far, for a {@code twist} command. */
    List<String> environment() {
        return environment;
    }
}
