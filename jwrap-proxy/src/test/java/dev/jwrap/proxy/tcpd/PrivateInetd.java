package dev.jwrap.proxy.tcpd;

import dev.jwrap.core.testing.Prerequisites;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Test fixture: the real openbsd-inetd ({@code inetd -d}) in a private mount namespace in which
 * /etc/hosts.allow and /etc/hosts.deny are the test's tables and /dev/log is the test's receiving
 * socket (an overlay on /dev makes room for it; the host's /dev is not changed). Services use
 * numeric ports, so /etc/services is not needed. Without inetd, unshare or root the test is
 * skipped, except under {@code CI=true}, where it fails.
 */
final class PrivateInetd implements AutoCloseable {

    private static final Path INETD = Path.of("/usr/sbin/inetd");

    private final Process process;
    private final Path log;

    private PrivateInetd(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static void requireAvailable() {
        Prerequisites.of("tcpd under inetd tests")
                .executable(INETD, "apt-get install openbsd-inetd")
                .executable("/usr/sbin/tcpd", "apt-get install tcpd")
                .executable("/usr/bin/unshare", "util-linux")
                .executable("/usr/bin/perl", "perl")
                .root("unshare -m and bind mounts need root")
                .require();
    }

    /**
     * @param dir scratch directory holding hosts.allow, hosts.deny and the syslog socket {@code log.sock}
     */
    static PrivateInetd start(Path dir, String config) throws IOException {
        requireAvailable();
        Path conf = dir.resolve("inetd.conf");
        Files.writeString(conf, config, StandardCharsets.ISO_8859_1);
        Files.createDirectories(dir.resolve("dev-upper"));
        Files.createDirectories(dir.resolve("dev-work"));
        Path out = dir.resolve("inetd.out");
        String script = "set -e; mount --bind '" + dir.resolve("hosts.allow") + "' /etc/hosts.allow"
                + "; mount --bind '" + dir.resolve("hosts.deny") + "' /etc/hosts.deny"
                + "; mount -t overlay overlay -o lowerdir=/dev,upperdir='" + dir.resolve("dev-upper")
                + "',workdir='" + dir.resolve("dev-work") + "' /dev"
                + "; touch /dev/log; mount --bind '" + dir.resolve("log.sock") + "' /dev/log"
                + "; mount -t tmpfs tmpfs /run"
                + "; exec " + INETD + " -d '" + conf + "'";
        Process p = new ProcessBuilder("unshare", "-m", "sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        return new PrivateInetd(p, out);
    }

    /** inetd's pid: unshare and sh exec it, so it is the started process. */
    long pid() {
        return process.pid();
    }

    /**
     * Waits until inetd has bound every entry: it sets them up in file order, so once the UDP port
     * of the config's last entry (a dummy) is taken, every earlier socket is bound. Binding that
     * port here tells without sending anything (connecting instead would start wrappers).
     */
    void awaitListening(int lastUdpPort) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (canBind(lastUdpPort)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("openbsd-inetd exited: " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("openbsd-inetd did not set up its entries: " + log());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll interval, not a synchronisation
        }
    }

    private static boolean canBind(int udpPort) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", udpPort))) {
            return true;
        } catch (SocketException taken) {
            return false;
        }
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
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
