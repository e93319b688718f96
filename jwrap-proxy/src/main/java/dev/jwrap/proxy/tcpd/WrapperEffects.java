package dev.jwrap.proxy.tcpd;

import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.resolve.UserDatabase;
import dev.jwrap.host.log.Syslog;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a matched rule's options do inside the wrapper, as tcpd does them (hosts_access.md §4.2):
 * banners are written to the client at once, keepalive and linger set on the inherited socket,
 * {@code spawn} and {@code aclexec} commands run to completion with /dev/null as standard I/O;
 * setenv, umask (also applied at once), nice and user/group are kept for the program that replaces the wrapper
 * afterwards (the daemon, or the {@code twist} shell). Used by the wrapper's one thread.
 */
final class WrapperEffects implements OptionEffects {

    private static final File DEV_NULL = new File("/dev/null");
    /** Run by {@code /bin/sh -c} with the command as {@code $1}. */
    private static final String IGNORE_HUP_THEN_RUN = "trap '' HUP; exec /bin/sh -c \"$1\" sh";

    private final InheritedSocket socket;
    private final Syslog log;
    private final ProcessUmask processUmask;
    private final Map<String, String> environment;
    private int umask;
    private int nice;
    private Optional<UserDatabase.User> user = Optional.empty();
    private Optional<UserDatabase.Group> group = Optional.empty();

    /**
     * @param environment the wrapper's environment, which setenv options change
     * @param umask the wrapper's umask (tcpd: 022)
     */
    WrapperEffects(InheritedSocket socket, Syslog log, ProcessUmask processUmask, Map<String, String> environment,
            int umask) {
        this.socket = socket;
        this.log = log;
        this.processUmask = processUmask;
        this.environment = new LinkedHashMap<>(environment);
        this.umask = umask;
    }

    @Override
    public void banner(byte[] text) {
        try {
            socket.writeFully(text);
        } catch (IOException e) {
            // tcpd does not check the write either: a client that left just sees nothing more
        }
    }

    @Override
    public void spawn(String command) {
        runShell(command);
    }

    @Override
    public boolean aclexec(String command) {
        return runShell(command) == 0;
    }

    @Override
    public void setenv(String name, String value) {
        environment.put(name, value);
    }

    @Override
    public void umask(int mask) {
        // tcpd changes its own mask at once, so a later spawn runs with it too
        processUmask.set(mask);
        umask = mask;
    }

    @Override
    public void nice(int increment) {
        // nice(2) adds up; so do repeated options
        nice += increment;
    }

    /** tcpd reports a failed socket option as a warning (at err) and goes on. */
    @Override
    public void keepalive() {
        try {
            socket.keepAlive();
        } catch (IOException e) {
            log.error("warning: setsockopt SO_KEEPALIVE: " + e.getMessage());
        }
    }

    @Override
    public void linger(int seconds) {
        try {
            socket.linger(seconds);
        } catch (IOException e) {
            log.error("warning: setsockopt SO_LINGER " + seconds + ": " + e.getMessage());
        }
    }

    /**
     * Remembers the identity for the program that replaces the wrapper. Debian's tcpd ignores
     * {@code user} (a security defect, hosts_access.md §4.2); jwrap does what hosts_options(5)
     * documents and runs the daemon as that user.
     */
    @Override
    public String changeIdentity(UserDatabase.User newUser, UserDatabase.Group newGroup) {
        if (newUser != null) {
            user = Optional.of(newUser);
        }
        group = Optional.ofNullable(newGroup);
        return null;
    }

    /** The environment for the program that replaces the wrapper, with the setenv options applied. */
    Map<String, String> environment() {
        return environment;
    }

    int umask() {
        return umask;
    }

    int nice() {
        return nice;
    }

    Optional<UserDatabase.User> user() {
        return user;
    }

    Optional<UserDatabase.Group> group() {
        return group;
    }

    /**
     * Runs {@code /bin/sh -c command} with /dev/null as standard I/O, SIGHUP ignored and the
     * environment as set so far, and waits for it, as tcpd's {@code shell_cmd} does.
     *
     * @return its exit status, or -1 when it could not be started or ended on a signal
     */
    private int runShell(String command) {
        // tcpd's shell_cmd ignores SIGHUP in the child before it execs the shell; a Java child
        // cannot be started so, but an ignored signal stays ignored across exec: a first shell
        // ignores it, then becomes `sh -c command` ($0 "sh", as tcpd gives it), the command unquoted
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", IGNORE_HUP_THEN_RUN, "sh", command)
                .redirectInput(DEV_NULL)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            log.error("warning: cannot execute /bin/sh: " + e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
