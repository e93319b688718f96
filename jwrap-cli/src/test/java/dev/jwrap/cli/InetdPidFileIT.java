package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C6: {@code jwrap inetd -i} stays in the foreground and writes its PID file; SIGTERM removes it.
 * ({@code -d} only makes the trace visible; without {@code --pid-file} it would suppress the file.)
 */
class InetdPidFileIT {

    @TempDir
    Path dir;

    @Test
    void foregroundRun_writesThePidFile_andRemovesItOnSigterm() throws Exception {
        int port = dev.jwrap.host.access.LoopbackClients.freePort();
        Files.writeString(dir.resolve("services"), "echo " + port + "/tcp\n");
        Files.writeString(dir.resolve("inetd.conf"), "127.0.0.1:echo stream tcp4 nowait root internal\n");
        Path pidFile = dir.resolve("jwrap-inetd.pid");
        try (InetdProcess inetd = InetdProcess.start(dir, List.of(), "-i", "-d", "--pid-file", "jwrap-inetd.pid",
                "--services", "services", "inetd.conf")) {
            inetd.await(line -> line.startsWith("ADD: 127.0.0.1:echo"));
            inetd.awaitPidFile(pidFile);
            assertThat(pidFile).hasContent(inetd.pid() + "\n");

            assertThat(inetd.terminate()).isZero();
            assertThat(pidFile).doesNotExist();
        }
    }
}
