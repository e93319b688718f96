package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.jwrap.host.access.LoopbackClients.SERVER;
import static dev.jwrap.host.access.LoopbackClients.connect;
import static dev.jwrap.host.access.LoopbackClients.exchange;
import static dev.jwrap.host.access.LoopbackClients.freePort;

import dev.jwrap.cli.testing.HostTools;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwrap inetd} started by systemd's own socket-activation tool ({@code systemd-socket-activate},
 * package systemd): it binds the sockets, waits for the first connection, then execs the JVM with
 * {@code LISTEN_FDS}/{@code LISTEN_PID}/{@code LISTEN_FDNAMES} set, exactly as a socket unit would.
 * jwrap must serve the passed sockets (the connection queued before it even started included),
 * bind entries nobody passed, close a passed socket without an entry, and keep serving a passed
 * socket across a SIGHUP that replaces its entry (a new bind would fail: systemd's copy holds the port).
 */
class SocketActivationIT {

    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path dir;

    @Test
    void servesPassedSockets_bindsTheRest_closesUnmatched_andKeepsThemAcrossReload() throws Exception {
        int echo = freePort();
        int unmatched = freePort();
        int bound = freePort();
        try (InetdProcess inetd = activated("echo " + echo + "/tcp", """
                127.0.0.1:echo stream tcp4 nowait %1$s internal
                127.0.0.1:%2$d stream tcp4 nowait %1$s /bin/cat cat
                """.formatted(USER, bound),
                List.of("-l", "127.0.0.1:" + echo, "-l", "127.0.0.1:" + unmatched, "--fdname=echo:spare"))) {
            inetd.await(line -> line.startsWith("Listening on 127.0.0.1:" + unmatched));

            // the first connection makes systemd-socket-activate exec jwrap; it waits in the passed backlog
            assertThat(exchange(SERVER, echo, "queued before jwrap ran\n")).isEqualTo("queued before jwrap ran\n");
            inetd.await(line -> line.contains("passed socket fd 4 (spare, stream /127.0.0.1:" + unmatched
                    + ") matches no inetd.conf entry; closed"));
            assertThat(exchange(SERVER, bound, "bound by jwrap\n")).isEqualTo("bound by jwrap\n");
            assertThatThrownBy(() -> connect(SERVER, unmatched).close()).isInstanceOf(ConnectException.class);

            // replace the echo built-in by a program on the passed port: the listener is reopened on the
            // passed socket, not bound (systemd's copy still holds the port, a bind would fail)
            Files.writeString(dir.resolve("inetd.conf"), """
                    127.0.0.1:echo stream tcp4 nowait %1$s /bin/sed sed -u s/^/sed:/
                    127.0.0.1:%2$d stream tcp4 nowait %1$s /bin/cat cat
                    """.formatted(USER, bound));
            inetd.signal("HUP");
            inetd.await(line -> line.startsWith("ADD: 127.0.0.1:echo") && line.endsWith("server=/bin/sed"));
            assertThat(exchange(SERVER, echo, "after reload\n")).isEqualTo("sed:after reload\n");
            stopWithoutBinding(inetd);
        }
    }

    /** A passed UDP socket: the datagram that made systemd-socket-activate start jwrap is answered. */
    @Test
    void servesAPassedDatagramSocket_includingTheDatagramThatStartedIt() throws Exception {
        int echo = freePort();
        try (InetdProcess inetd = activated("echo " + echo + "/udp", "127.0.0.1:echo dgram udp4 wait " + USER
                        + " internal\n", List.of("--datagram", "-l", "127.0.0.1:" + echo), "--udp-filter", "jwrap");
                DatagramSocket client = new DatagramSocket(new InetSocketAddress(SERVER, 0))) {
            inetd.await(line -> line.startsWith("Listening on 127.0.0.1:" + echo));
            client.setSoTimeout((int) InetdProcess.TIMEOUT_SECONDS * 1000);
            byte[] ping = "started me".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(ping, ping.length, new InetSocketAddress(SERVER, echo)));
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            client.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII))
                    .isEqualTo("started me");
            assertThat(inetd.lines()).noneMatch(line -> line.contains("passed socket"));
            stopWithoutBinding(inetd);
        }
    }

    /**
     * A plain {@code tcp} line is an IPv4 and an IPv6 entry; a passed dual-stack [::] socket serves
     * both (systemd's default BindIPv6Only=both), so the IPv4 half is not bound (it would fail).
     */
    @Test
    void aPassedDualStackSocket_servesBothHalvesOfATcpLine() throws Exception {
        int echo = freePort();
        try (InetdProcess inetd = activated("echo " + echo + "/tcp", "echo stream tcp nowait " + USER + " internal\n",
                List.of("-l", "[::]:" + echo))) {
            inetd.await(line -> line.startsWith("Listening on [::]:" + echo));
            assertThat(exchange(SERVER, echo, "over IPv4\n")).isEqualTo("over IPv4\n");
            inetd.await(line -> line.startsWith("SKIP: echo proto=tcp,"));
            try (SocketChannel v6 = SocketChannel.open(new InetSocketAddress(InetAddress.ofLiteral("::1"), echo))) {
                v6.write(ByteBuffer.wrap("over IPv6\n".getBytes(StandardCharsets.US_ASCII)));
                v6.shutdownOutput();
                assertThat(new String(v6.socket().getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                        .isEqualTo("over IPv6\n");
            }
            assertThat(inetd.lines()).noneMatch(line -> line.contains("passed socket"));
            stopWithoutBinding(inetd);
        }
    }

    /**
     * Writes the services file and inetd.conf, then runs {@code jwrap inetd -d} under
     * {@code systemd-socket-activate activateArgs}, with a PID file and {@code flags}.
     */
    private InetdProcess activated(String services, String config, List<String> activateArgs, String... flags)
            throws Exception {
        HostTools.require("systemd-socket-activate", "systemd");
        Files.writeString(dir.resolve("services"), services + "\n");
        Files.writeString(dir.resolve("inetd.conf"), config);
        List<String> launcher = new ArrayList<>(List.of("systemd-socket-activate"));
        launcher.addAll(activateArgs);
        launcher.add("--");
        List<String> args = new ArrayList<>(List.of("-d", "--pid-file", "pid", "--services", "services"));
        args.addAll(List.of(flags));
        args.add("inetd.conf");
        return InetdProcess.start(dir, launcher, args.toArray(String[]::new));
    }

    /** Nothing was bound over a passed socket; SIGTERM (once the handlers are in) ends it with 0. */
    private void stopWithoutBinding(InetdProcess inetd) throws Exception {
        assertThat(inetd.lines()).noneMatch(line -> line.contains("bind:"));
        inetd.awaitPidFile(dir.resolve("pid"));
        assertThat(inetd.terminate()).isZero();
    }
}
