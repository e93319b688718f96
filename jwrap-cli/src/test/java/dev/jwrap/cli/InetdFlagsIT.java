package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.cli.testing.HostTools;
import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.host.access.LoopbackClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C1, C2, C4: the listen backlog of {@code -q} as the kernel reports it ({@code ss}: Send-Q of a
 * listening socket), raised to 10 when smaller, 128 by default; a bad {@code -R} is logged and
 * ignored, as openbsd-inetd does.
 */
class InetdFlagsIT {

    @TempDir
    Path dir;

    @Test
    void backlogOfQ_defaultAndMinimum_andABadRIsLoggedAndIgnored() throws Exception {
        HostTools.require("ss", "iproute2");
        assertThat(backlog("-q", "50", "-R", "0")).isEqualTo(50);
        assertThat(backlog("-q", "3")).isEqualTo(10);
        assertThat(backlog()).isEqualTo(128);
    }

    /** Starts jwrap inetd with {@code flags} on one echo port; returns the backlog the kernel shows. */
    private int backlog(String... flags) throws Exception {
        int port = LoopbackClients.freePort();
        Files.writeString(dir.resolve("services"), "echo " + port + "/tcp\n");
        Files.writeString(dir.resolve("inetd.conf"), "127.0.0.1:echo stream tcp4 nowait root internal\n");
        List<String> args = new java.util.ArrayList<>(List.of(flags));
        args.addAll(List.of("-d", "--pid-file", "pid", "--services", "services", "inetd.conf"));
        try (InetdProcess inetd = InetdProcess.start(dir, List.of(), args.toArray(String[]::new))) {
            inetd.await(line -> line.startsWith("ADD: 127.0.0.1:echo"));
            if (args.contains("-R")) {
                assertThat(inetd.lines()).anyMatch(line -> line.endsWith("-R 0: bad value for service invocation rate"));
            }
            ChildProcess.Outcome ss = HostTools.run(Map.of(), List.of("ss", "-Hltn", "sport = :" + port));
            assertThat(ss.status()).isZero();
            String[] columns = ss.stdout().trim().split("\\s+");
            inetd.awaitPidFile(dir.resolve("pid"));
            assertThat(inetd.terminate()).isZero();
            return Integer.parseInt(columns[2]);
        }
    }
}
