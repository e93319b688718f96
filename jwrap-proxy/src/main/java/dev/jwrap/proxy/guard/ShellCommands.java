package dev.jwrap.proxy.guard;

import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ChannelDescriptors;
import dev.jwrap.host.process.ChildReaper;
import dev.jwrap.host.process.ProcessLauncher;
import dev.jwrap.host.process.SpawnException;
import dev.jwrap.host.process.SpawnRequest;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The shell commands of tcpd's options, {@code /bin/sh -c command}: {@code twist} with the client
 * socket as standard input, output and error (the guard then drops its copy, so the connection
 * ends when the command does), and {@code spawn} with /dev/null, waited for as tcpd waits.
 * Children are reaped by the shared reaper. Thread-safe.
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

    /** Starts {@code command} on {@code socket}; false (and a log line) when it could not start. */
    boolean twist(String command, SocketChannel socket, List<String> extraEnvironment, Syslog log) {
        try {
            int fd = descriptors.fd(socket);
            // virtual threads leave O_NONBLOCK set; a shell reading stdin would then see EAGAIN
            descriptors.makeBlocking(fd);
            int pid = launcher.spawn(SpawnRequest.of(SHELL, List.of("sh", "-c", command), fd,
                    merged(extraEnvironment)));
            reaper.watch(pid, status -> {});
            return true;
        } catch (SpawnException | RuntimeException e) {
            log.error("cannot run /bin/sh -c " + command + ": " + e.getMessage());
            return false;
        }
    }

    /** Runs {@code command} with /dev/null as its standard descriptors and waits for it to end. */
    void runBeside(String command, List<String> extraEnvironment, Syslog log) {
        CountDownLatch done = new CountDownLatch(1);
        try {
            int pid = launcher.spawn(SpawnRequest.of(SHELL, List.of("sh", "-c", command), SpawnRequest.NO_STDIO,
                    merged(extraEnvironment)));
            reaper.watch(pid, status -> done.countDown());
            done.await();
        } catch (SpawnException | RuntimeException e) {
            log.error("cannot run /bin/sh -c " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
