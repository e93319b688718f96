package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwrap.cli.testing.HostTools;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    @TempDir
    Path dir;

    @Test
    void servesPassedSockets_bindsTheRest_closesUnmatched_andKeepsThemAcrossReload() throws Exception {
        HostTools.require("systemd-socket-activate", "systemd");
        int echo = freePort();
        int unmatched = freePort();
        int bound = freePort();
        String user = System.getProperty("user.name");
        Files.writeString(dir.resolve("services"), "echo " + echo + "/tcp\n");
        Files.writeString(dir.resolve("inetd.conf"), """
                127.0.0.1:echo stream tcp4 nowait %1$s internal
                127.0.0.1:%2$d stream tcp4 nowait %1$s /bin/cat cat
                """.formatted(user, bound));

        List<String> activate = List.of("systemd-socket-activate", "-l", "127.0.0.1:" + echo,
                "-l", "127.0.0.1:" + unmatched, "--fdname=echo:spare", "--");
        try (InetdProcess inetd = InetdProcess.start(dir, activate, "-d", "--services", "services", "inetd.conf")) {
            inetd.await(line -> line.startsWith("Listening on 127.0.0.1:" + unmatched));

            // the first connection makes systemd-socket-activate exec jwrap; it waits in the passed backlog
            assertThat(exchange(connect(echo), "queued before jwrap ran\n")).isEqualTo("queued before jwrap ran\n");
            inetd.await(line -> line.contains("passed socket fd 4 (spare, stream /127.0.0.1:" + unmatched
                    + ") matches no inetd.conf entry; closed"));
            assertThat(exchange(connect(bound), "bound by jwrap\n")).isEqualTo("bound by jwrap\n");
            assertThatThrownBy(() -> connect(unmatched).close()).isInstanceOf(ConnectException.class);

            // replace the echo built-in by a program on the passed port: the listener is reopened on the
            // passed socket, not bound (systemd's copy still holds the port, a bind would fail)
            Files.writeString(dir.resolve("inetd.conf"), """
                    127.0.0.1:echo stream tcp4 nowait %1$s /bin/sed sed -u s/^/sed:/
                    127.0.0.1:%2$d stream tcp4 nowait %1$s /bin/cat cat
                    """.formatted(user, bound));
            inetd.signal("HUP");
            inetd.await(line -> line.startsWith("ADD: 127.0.0.1:echo") && line.endsWith("server=/bin/sed"));
            assertThat(exchange(connect(echo), "after reload\n")).isEqualTo("sed:after reload\n");
            assertThat(inetd.lines()).noneMatch(line -> line.contains("bind:"));

            assertThat(inetd.terminate()).isZero();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    private static SocketChannel connect(int port) throws IOException {
        return SocketChannel.open(new InetSocketAddress(LOOPBACK, port));
    }

    static String exchange(SocketChannel channel, String text) throws IOException {
        try (channel) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            channel.shutdownOutput();
            StringBuilder out = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                out.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            return out.toString();
        }
    }
}
