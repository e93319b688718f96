package dev.jwrap.inetd.builtin;

import dev.jwrap.core.testing.Prerequisites;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Test fixture: the real openbsd-inetd ({@code /usr/sbin/inetd -d}) as a child process, in a private
 * mount namespace ({@code unshare -m}) where a copy of /etc/services with the small services on
 * free high ports is bind-mounted over /etc/services and a tmpfs over /run (its PID file). Nothing on
 * the host changes; {@link #close} kills it by PID. Without the binary or the namespace the test is
 * skipped, except under {@code CI=true}, where it fails.
 */
public final class OpenbsdInetd implements AutoCloseable {

    static final Path INETD = Path.of("/usr/sbin/inetd");
    public static final List<String> SERVICES = List.of("echo", "discard", "chargen", "daytime", "time");

    private final Process process;
    private final Path log;
    private final Map<String, Integer> ports;
    private final Path servicesFile;

    private OpenbsdInetd(Process process, Path log, Map<String, Integer> ports, Path servicesFile) {
        this.process = process;
        this.log = log;
        this.ports = ports;
        this.servicesFile = servicesFile;
    }

    /** The /etc/services copy inetd sees. */
    public Path servicesFile() {
        return servicesFile;
    }

    /** Fails (CI) or skips (elsewhere) unless openbsd-inetd can run privately here. */
    public static void requireAvailable() {
        Prerequisites.of("openbsd-inetd differential tests")
                .executable(INETD, "apt-get install openbsd-inetd")
                .executable("/usr/bin/unshare", "util-linux")
                .root("unshare -m and inetd's internal services need root")
                .require();
    }

    /**
     * Starts inetd with {@code config}, whose service names refer to the ports chosen here.
     *
     * @param dir scratch directory for the services copy, the config and the log
     * @param config the inetd.conf text
     */
    public static OpenbsdInetd start(Path dir, String config) throws IOException {
        requireAvailable();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String s : SERVICES) {
            ports.put(s, freePort());
        }
        StringBuilder services = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/etc/services"), StandardCharsets.ISO_8859_1)) {
            String name = line.split("[ \t]+", 2)[0];
            services.append(ports.containsKey(name) ? "# moved: " + line : line).append('\n');
        }
        ports.forEach((name, port) -> services.append(name).append('\t').append(port).append("/tcp\n")
                .append(name).append('\t').append(port).append("/udp\n"));
        Path servicesFile = dir.resolve("services");
        Files.writeString(servicesFile, services, StandardCharsets.ISO_8859_1);
        Path conf = dir.resolve("inetd.conf");
        Files.writeString(conf, config, StandardCharsets.ISO_8859_1);
        Path log = dir.resolve("inetd.log");
        String script = "mount --bind '" + servicesFile + "' /etc/services && mount -t tmpfs tmpfs /run && exec "
                + INETD + " -d '" + conf + "'";
        Process p = new ProcessBuilder("unshare", "-m", "sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new OpenbsdInetd(p, log, ports, servicesFile);
    }

    /** Waits until every listed TCP address accepts a connection (inetd binds in file order). */
    public void awaitListening(List<InetSocketAddress> tcp) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (InetSocketAddress a : tcp) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("openbsd-inetd exited: " + Files.readString(log));
                }
                try (Socket s = new Socket()) {
                    s.connect(a, 1000);
                    break;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("openbsd-inetd does not listen on " + a + ": "
                                + Files.readString(log));
                    }
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll interval, not a synchronisation
                }
            }
        }
    }

    public int port(String service) {
        return ports.get(service);
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private static int freePort() throws IOException {
        return dev.jwrap.host.access.TestPorts.freePort();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
