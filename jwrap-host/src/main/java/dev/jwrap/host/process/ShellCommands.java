package dev.jwrap.host.process;

import dev.jwrap.host.log.Syslog;
import java.nio.channels.Channel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The shell commands of tcpd's options, {@code /bin/sh -c command}, for servers that keep running
 * (jwrap inetd, jwrap guard): {@code twist} with the client socket as standard input, output and
 * error (the server then drops its copy, so the connection ends when the command does), and
 * {@code spawn} with /dev/null, waited for as tcpd waits. Children are reaped by the server's
 * shared reaper, never by {@link ProcessBuilder} (whose own reaping would race with it).
 * Thread-safe.
 */
public final class ShellCommands {

    private static final Path SHELL = Path.of("/bin/sh");

    private final ProcessLauncher launcher;
    private final ChildReaper reaper;
    private final ChannelDescriptors descriptors;
    private final List<String> environment;

    /**
     * @param environment the commands' environment as {@code NAME=value} strings
     */
    public ShellCommands(ProcessLauncher launcher, ChildReaper reaper, ChannelDescriptors descriptors,
            List<String> environment) {
        this.launcher = launcher;
        this.reaper = reaper;
        this.descriptors = descriptors;
        this.environment = List.copyOf(environment);
    }

    /**
     * Starts {@code command} with {@code socket} as its standard descriptors, or /dev/null when
     * {@code socket} is null, and does not wait.
     *
     * @param extraEnvironment {@code setenv} values of the matched rule, added to the environment
     * @param onExit called on the reaper thread when the command has ended
     * @return true when it started; false (and a log line) when it could not start
     */
    public boolean start(String command, Channel socket, List<String> extraEnvironment,
            Consumer<ExitStatus> onExit, Syslog log) {
        try {
            int fd = SpawnRequest.NO_STDIO;
            if (socket != null) {
                fd = descriptors.fd(socket);
                // virtual threads leave O_NONBLOCK set; a shell reading stdin would then see EAGAIN
                descriptors.makeBlocking(fd);
            }
            int pid = launcher.spawn(SpawnRequest.of(SHELL, List.of("sh", "-c", command), fd,
                    merged(extraEnvironment)));
            reaper.watch(pid, onExit);
            return true;
        } catch (SpawnException | RuntimeException e) {
            log.error("cannot run /bin/sh -c " + command + ": " + e.getMessage());
            return false;
        }
    }

    /** Runs {@code command} with /dev/null as its standard descriptors and waits for it to end. */
    public void runBeside(String command, List<String> extraEnvironment, Syslog log) {
        CountDownLatch done = new CountDownLatch(1);
        if (start(command, null, extraEnvironment, status -> done.countDown(), log)) {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<String> merged(List<String> extra) {
        if (extra.isEmpty()) {
            return environment;
        }
        List<String> all = new ArrayList<>(environment);
        all.addAll(extra);
        return all;
    }
}
