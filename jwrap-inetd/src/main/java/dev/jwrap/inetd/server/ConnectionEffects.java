package dev.jwrap.inetd.server;

import dev.jwrap.core.resolve.UserDatabase;
import dev.jwrap.host.access.SocketOptionEffects;
import dev.jwrap.host.log.Syslog;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a matched rule's options do to one connection, as tcpd would do them: banners, keepalive
 * and linger as every jwrap server does them ({@link SocketOptionEffects}), {@code spawn}
 * commands started beside the service; setenv, umask, nice and user/group are kept for the
 * program started afterwards. Used by one connection's thread only.
 */
final class ConnectionEffects extends SocketOptionEffects {

    private final ProgramStarter starter;
    private final List<String> environment = new ArrayList<>();
    private OptionalInt umask = OptionalInt.empty();
    private int nice;
    private Optional<String> user = Optional.empty();
    private Optional<String> group = Optional.empty();

    ConnectionEffects(SocketChannel connection, ProgramStarter starter, Syslog log) {
        super(connection, log);
        this.starter = starter;
    }

    @Override
    public void spawn(String command) {
        starter.shellBeside(command, environment);
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
}
