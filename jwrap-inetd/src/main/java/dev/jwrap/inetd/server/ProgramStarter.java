package dev.jwrap.inetd.server;

import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ChannelDescriptors;
import dev.jwrap.host.process.ChildReaper;
import dev.jwrap.host.process.CredentialResolver;
import dev.jwrap.host.process.Credentials;
import dev.jwrap.host.process.ExitStatus;
import dev.jwrap.host.process.ProcessLauncher;
import dev.jwrap.host.process.ShellCommands;
import dev.jwrap.host.process.SpawnException;
import dev.jwrap.host.process.SpawnRequest;
import dev.jwrap.inetd.config.ServiceEntry;
import java.nio.channels.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts an entry's program with a socket on fds 0, 1 and 2 in the identity of the entry's user
 * and group, and reaps it. Failures are logged with inetd's texts ({@code getpwnam: bob: No such
 * user}); the caller then closes the connection, which is what the client of a failing inetd child
 * sees. Thread-safe.
 */
final class ProgramStarter {

    private final ProcessLauncher launcher;
    private final ChildReaper reaper;
    private final CredentialResolver credentials;
    private final ChannelDescriptors descriptors;
    private final List<String> environment;
    private final Syslog log;
    private final Trace trace;
    private final ShellCommands shell;

    ProgramStarter(ProcessLauncher launcher, ChildReaper reaper, CredentialResolver credentials,
            ChannelDescriptors descriptors, List<String> environment, Syslog log, Trace trace) {
        this.launcher = launcher;
        this.reaper = reaper;
        this.credentials = credentials;
        this.descriptors = descriptors;
        this.environment = List.copyOf(environment);
        this.log = log;
        this.trace = trace;
        this.shell = new ShellCommands(launcher, reaper, descriptors, environment);
    }

    /**
     * Spawns {@code launch} for {@code entry} with {@code socket} as its standard descriptors.
     * The caller keeps {@code socket} and closes it afterwards (or, for wait services, keeps it).
     *
     * @param effects the matched rule's setenv/umask/nice, or null
     * @param onExit called on the reaper thread when the child has exited
     * @return true when the child was started
     */
    boolean start(ServiceEntry entry, Launch launch, Channel socket, ConnectionEffects effects,
            Consumer<ExitStatus> onExit) {
        try {
            Credentials identity = identity(entry, effects);
            int fd = descriptors.fd(socket);
            // the JDK may have set O_NONBLOCK; a child like cat would then fail with EAGAIN
            descriptors.makeBlocking(fd);
            List<String> env = environment;
            SpawnRequest request = SpawnRequest.of(launch.program(), launch.argv(), fd, env)
                    .withCredentials(identity);
            if (effects != null) {
                if (!effects.environment().isEmpty()) {
                    List<String> merged = new ArrayList<>(env);
                    merged.addAll(effects.environment());
                    request = new SpawnRequest(request.program(), request.argv(), fd, merged, identity,
                            request.umask(), request.nice(), request.workingDirectory());
                }
                if (effects.umaskOption().isPresent()) {
                    request = request.withUmask(effects.umaskOption().getAsInt());
                }
                if (effects.niceOption() != 0) {
                    request = request.withNice(effects.niceOption());
                }
            }
            int pid = launcher.spawn(request);
            trace.line(pid + " execv " + launch.program());
            reaper.watch(pid, status -> {
                trace.line(pid + " reaped, status 0x" + Integer.toHexString(status.raw()));
                onExit.accept(status);
            });
            return true;
        } catch (SpawnException e) {
            log.error(e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error(entry.displayName() + ": cannot start " + launch.program() + ": " + e.getMessage());
            return false;
        }
    }

    /** The entry's user and group, or those of a rule's {@code user}/{@code group} option. */
    private Credentials identity(ServiceEntry entry, ConnectionEffects effects) throws SpawnException {
        if (effects == null || (effects.userOption().isEmpty() && effects.groupOption().isEmpty())) {
            return credentials.resolve(entry.user(), entry.group());
        }
        String user = effects.userOption().orElse(entry.user());
        Optional<String> group = effects.userOption().isPresent() ? effects.groupOption()
                : effects.groupOption().or(entry::group);
        return credentials.resolve(user, group);
    }

    /**
     * tcpd's {@code twist}: {@code /bin/sh -c command} with {@code socket} as its standard
     * descriptors and the rule's {@code setenv} values in its environment.
     */
    boolean twist(String command, Channel socket, ConnectionEffects effects, Consumer<ExitStatus> onExit) {
        return shell.start(command, socket, effects.environment(), onExit, log);
    }

    /**
     * The {@code spawn} option: a shell command with stdio on /dev/null; tcpd waits for it before
     * the service starts (commands that should not hold it up end in {@code &}).
     */
    void shellBeside(String command, List<String> extraEnvironment) {
        shell.runBeside(command, extraEnvironment, log);
    }
}
