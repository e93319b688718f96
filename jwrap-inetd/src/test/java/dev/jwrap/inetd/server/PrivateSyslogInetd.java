package dev.jwrap.inetd.server;

import dev.jwrap.inetd.builtin.OpenbsdInetd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: the real openbsd-inetd, and tcpd under it, logging to a socket the test reads. In
 * a private mount namespace ({@code unshare -m}) a tmpfs replaces /dev (with null, zero and
 * urandom, and /dev/log a link to the test's socket: glibc's syslog() always writes to /dev/log),
 * and the test's services, hosts.allow and hosts.deny are bind-mounted over /etc's (tcpd reads no
 * others). Nothing on the host changes; {@link #close} ends inetd by its PID.
 */
final class PrivateSyslogInetd implements AutoCloseable {

    private final Process process;
    private final Path output;

    private PrivateSyslogInetd(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code /usr/sbin/inetd -d [flags] config} with the files of {@code dir}: {@code services},
     * {@code hosts.allow}, {@code hosts.deny}; its syslog goes to {@code logSocket}.
     */
    static PrivateSyslogInetd start(Path dir, Path config, Path logSocket, List<String> flags) throws IOException {
        OpenbsdInetd.requireAvailable();
        Path output = dir.resolve("openbsd-inetd.out");
        String script = String.join(" && ",
                "mount -t tmpfs -o mode=755 tmpfs /dev",
                "mknod -m 666 /dev/null c 1 3",
                "mknod -m 666 /dev/zero c 1 5",
                "mknod -m 444 /dev/urandom c 1 9",
                "ln -s '" + logSocket + "' /dev/log",
                "mount --bind '" + dir.resolve("services") + "' /etc/services",
                "mount --bind '" + dir.resolve("hosts.allow") + "' /etc/hosts.allow",
                "mount --bind '" + dir.resolve("hosts.deny") + "' /etc/hosts.deny",
                "mount -t tmpfs tmpfs /run",
                "exec /usr/sbin/inetd -d " + String.join(" ", flags) + " '" + config + "'");
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "sh", "-c", script));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new PrivateSyslogInetd(process, output);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
