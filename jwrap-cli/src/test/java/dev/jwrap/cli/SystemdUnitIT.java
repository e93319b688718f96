package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.cli.testing.HostTools;
import dev.jwrap.core.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped unit files (dist/systemd) pass {@code systemd-analyze verify}, systemd's own checker. */
class SystemdUnitIT {

    private static final Path UNITS = Path.of("..", "dist", "systemd");

    @Test
    void unitFilesVerify(@TempDir Path dir) throws Exception {
        HostTools.require("systemd-analyze", "systemd");
        // verify insists that ExecStart exists; the launcher is not installed on a build machine
        String service = Files.readString(UNITS.resolve("jwrap-inetd.service"));
        assertThat(service).contains("ExecStart=/usr/bin/jwrap inetd ");
        Files.writeString(dir.resolve("jwrap-inetd.service"), service.replace("/usr/bin/jwrap", "/bin/true"));
        Files.copy(UNITS.resolve("jwrap-inetd.socket"), dir.resolve("jwrap-inetd.socket"));

        ChildProcess.Outcome run = HostTools.run(Map.of("SYSTEMD_LOG_LEVEL", "notice"), List.of("systemd-analyze", "verify",
                "--man=no", dir.resolve("jwrap-inetd.socket").toString(), dir.resolve("jwrap-inetd.service").toString()));

        assertThat(run.stderr() + run.stdout()).isEmpty();
        assertThat(run.status()).isZero();
    }
}
