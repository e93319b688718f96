package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.host.access.LoopbackClients;
import dev.jwrap.host.log.UnixDatagramReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Type=notify}: with {@code NOTIFY_SOCKET} set (here a datagram socket of the test, where
 * systemd would listen), {@code jwrap inetd} reports READY once its sockets are open, RELOADING and
 * READY around a SIGHUP, and STOPPING on SIGTERM.
 */
class SystemdNotifyIT {

    private static final Duration WAIT = Duration.ofSeconds(InetdProcess.TIMEOUT_SECONDS);

    @TempDir
    Path dir;

    @Test
    void reportsReadyReloadingAndStopping() throws Throwable {
        int port = LoopbackClients.freePort();
        Files.writeString(dir.resolve("services"), "echo " + port + "/tcp\n");
        Files.writeString(dir.resolve("inetd.conf"), "127.0.0.1:echo stream tcp4 nowait root internal\n");
        Path socket = dir.resolve("notify");
        try (UnixDatagramReceiver systemd = new UnixDatagramReceiver(socket);
                InetdProcess inetd = InetdProcess.start(dir, Map.of("NOTIFY_SOCKET", socket.toString()), List.of(),
                        "-d", "--services", "services", "inetd.conf")) {
            assertThat(systemd.receive(WAIT)).contains("READY=1\nMAINPID=" + inetd.pid());
            // ready means serving
            assertThat(LoopbackClients.exchange(LoopbackClients.SERVER, port, "up\n")).isEqualTo("up\n");

            inetd.signal("HUP");
            assertThat(systemd.receive(WAIT)).contains("RELOADING=1");
            assertThat(systemd.receive(WAIT)).contains("READY=1\nMAINPID=" + inetd.pid());

            assertThat(inetd.terminate()).isZero();
            assertThat(systemd.receive(WAIT)).contains("STOPPING=1");
        }
    }
}
