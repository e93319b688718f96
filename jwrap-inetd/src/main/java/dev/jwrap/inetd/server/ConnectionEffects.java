package dev.jwrap.inetd.server;

import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.resolve.UserDatabase;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a matched rule's options do to one connection, as tcpd would do them: banners are written
 * at once, keepalive and linger set on the socket, {@code spawn} commands started beside the
 * service; setenv, umask, nice and user/group are kept for the program started afterwards. Used by one
 * connection's thread only.
 */
final class ConnectionEffects implements OptionEffects {

    private final SocketChannel connection;
    private final ProgramStarter starter;
    private final Syslog log;
    private final List<String> environment = new ArrayList<>();
    private OptionalInt umask = OptionalInt.empty();
    private int nice;
    private Optional<String> user = Optional.empty();
    private Optional<String> group = Optional.empty();

    ConnectionEffects(SocketChannel connection, ProgramStarter starter, Syslog log) {
        this.connection = connection;
        this.starter = starter;
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
    public void spawn(String command) {
        starter.shellBeside(command);
    }

    @Override
    public void setenv(String name, String value) {
        environment.add(name + "=" + value);
    }

    @Override
    public void umask(int mask) {
        umask = OptionalInt.of(mask);
    }

    @Override
    public void nice(int increment) {
        nice = increment;
    }

    @Override
    public void keepalive() {
        setOption(() -> connection.setOption(StandardSocketOptions.SO_KEEPALIVE, true), "keepalive");
    }

    @Override
    public void linger(int seconds) {
        setOption(() -> connection.setOption(StandardSocketOptions.SO_LINGER, seconds == 0 ? -1 : seconds), "linger");
    }

    /**
     * Remembers the identity for the program. Debian's tcpd ignores {@code user} (a security
     * defect, hosts_access.md §4.2); jwrap does what hosts_options(5) documents.
     */
    @Override
    public String changeIdentity(UserDatabase.User user, UserDatabase.Group group) {
        if (user != null) {
            this.user = Optional.of(user.name());
        }
        this.group = group == null ? Optional.empty() : Optional.of(group.name());
        return null;
    }

    /** The user a {@code user} option named, if any. */
    Optional<String> userOption() {
        return user;
    }

    /** The group a {@code user u.g} or {@code group} option named, if any. */
    Optional<String> groupOption() {
        return group;
    }

    List<String> environment() {
        return environment;
    }

    OptionalInt umaskOption() {
        return umask;
    }

    int niceOption() {
        return nice;
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
