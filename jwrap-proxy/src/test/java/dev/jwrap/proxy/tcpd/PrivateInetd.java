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
import java.util.ArrayList;
import java.util.List;
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

    /** The routed set-up's server address (inetd's namespace), router and client. */
    static final String ROUTED_SERVER = "10.99.1.1";
    static final String ROUTED_ROUTER = "10.99.2.1";
    static final String ROUTED_CLIENT = "10.99.2.2";

    /**
     * A network of three namespaces for source-routed connections, set up by inetd's (new)
     * namespace before inetd starts: a client (10.99.2.2) reaches inetd (10.99.1.1) through a
     * router (10.99.2.1 / 10.99.1.2) over veth pairs, every one of them accepting source-routed
     * packets (net.ipv4.conf.*.accept_source_route, in these namespaces only). On loopback alone
     * Linux consumes a source route without advancing its pointer, so the server never sees it;
     * a real forwarding hop records itself and leaves the option for the server. The router and
     * client namespaces are named in the private /run, and vanish with the mount namespace.
     */
    private static final String ROUTED_NETWORK = String.join("; ",
            "ip link set lo up",
            "ip netns add router", "ip netns add client",
            "ip link add s0 type veth peer name r0 netns router",
            "ip -n client link add c0 type veth peer name r1 netns router",
            "ip addr add " + ROUTED_SERVER + "/24 dev s0", "ip link set s0 up",
            "ip route add 10.99.2.0/24 via 10.99.1.2",
            "ip -n router addr add 10.99.1.2/24 dev r0", "ip -n router addr add " + ROUTED_ROUTER + "/24 dev r1",
            "ip -n router link set r0 up", "ip -n router link set r1 up",
            "ip -n client addr add " + ROUTED_CLIENT + "/24 dev c0", "ip -n client link set c0 up",
            "ip -n client route add default via " + ROUTED_ROUTER,
            "for ns in router client; do ip netns exec $ns sysctl -qw net.ipv4.ip_forward=1"
                    + " net.ipv4.conf.all.accept_source_route=1 net.ipv4.conf.default.accept_source_route=1; done",
            "ip netns exec router sysctl -qw net.ipv4.conf.r0.accept_source_route=1 net.ipv4.conf.r1.accept_source_route=1",
            "ip netns exec client sysctl -qw net.ipv4.conf.c0.accept_source_route=1",
            "sysctl -qw net.ipv4.conf.all.accept_source_route=1 net.ipv4.conf.s0.accept_source_route=1");

    private final Process process;
    private final Path log;
    private final boolean routed;

    private PrivateInetd(Process process, Path log, boolean routed) {
        this.process = process;
        this.log = log;
        this.routed = routed;
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

    /** {@link #requireAvailable} plus what the routed network and its clients need. */
    static void requireRoutedAvailable() {
        requireAvailable();
        Prerequisites.of("tcpd IP-options tests")
                .executable("/usr/sbin/ip", "apt-get install iproute2")
                .executable("/usr/bin/nsenter", "util-linux")
                .executable("/usr/bin/python3", "apt-get install python3")
                .require();
    }

    /**
     * @param dir scratch directory holding hosts.allow, hosts.deny and the syslog socket {@code log.sock}
     */
    static PrivateInetd start(Path dir, String config) throws IOException {
        requireAvailable();
        return start(dir, "inetd", config, false);
    }

    /**
     * An inetd in a network namespace of its own too, with the {@link #ROUTED_NETWORK} around it;
     * its clients run through {@link #inClientNamespace}.
     *
     * @param name names its files in {@code dir}, beside another inetd's
     */
    static PrivateInetd startRouted(Path dir, String name, String config) throws IOException {
        requireRoutedAvailable();
        return start(dir, name, config, true);
    }

    private static PrivateInetd start(Path dir, String name, String config, boolean routed) throws IOException {
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, config, StandardCharsets.ISO_8859_1);
        Files.createDirectories(dir.resolve(name + "-dev-upper"));
        Files.createDirectories(dir.resolve(name + "-dev-work"));
        Path out = dir.resolve(name + ".out");
        String script = "set -e; mount --bind '" + dir.resolve("hosts.allow") + "' /etc/hosts.allow"
                + "; mount --bind '" + dir.resolve("hosts.deny") + "' /etc/hosts.deny"
                + "; mount -t overlay overlay -o lowerdir=/dev,upperdir='" + dir.resolve(name + "-dev-upper")
                + "',workdir='" + dir.resolve(name + "-dev-work") + "' /dev"
                + "; touch /dev/log; mount --bind '" + dir.resolve("log.sock") + "' /dev/log"
                + "; mount -t tmpfs tmpfs /run"
                + (routed ? "; " + ROUTED_NETWORK : "")
                + "; exec " + INETD + " -d '" + conf + "'";
        Process p = new ProcessBuilder("unshare", routed ? "-mn" : "-m", "sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        return new PrivateInetd(p, out, routed);
    }

    /** The command line that runs {@code command} in the routed network's client namespace. */
    List<String> inClientNamespace(List<String> command) {
        List<String> line = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid()), "-m",
                "ip", "netns", "exec", "client"));
        line.addAll(command);
        return line;
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

    private boolean canBind(int udpPort) throws IOException {
        return routed ? canBindInNamespace(udpPort) : canBindHere(udpPort);
    }

    /** Asks a process in inetd's network namespace (a bounded poll, each a short python run). */
    private boolean canBindInNamespace(int udpPort) throws IOException {
        Process p = new ProcessBuilder("nsenter", "-t", Long.toString(pid()), "-n", "/usr/bin/python3", "-c",
                "import socket, sys; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).bind(('127.0.0.1', "
                        + udpPort + "))")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return true;
            }
            return p.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean canBindHere(int udpPort) {
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
