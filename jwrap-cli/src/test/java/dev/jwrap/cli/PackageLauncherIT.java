package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.cli.testing.HostTools;
import dev.jwrap.core.testing.ChildProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./jwrap package} as a user calls it: help and a clear refusal of stray arguments, both
 * without starting the (long) package build. The build itself is jwrap-dist's DebPackageIT.
 */
class PackageLauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("jwrap");

    @Test
    void help_saysWhatItBuildsAndWhere() {
        ChildProcess.Outcome run = HostTools.run(Map.of(), List.of(LAUNCHER.toString(), "package", "--help"));

        assertThat(run.status()).isZero();
        assertThat(run.stdout()).startsWith("Usage: jwrap package").contains("jwrap-dist/target/deb/");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void strayArgument_isRefusedWithExit2_beforeAnyBuild() {
        ChildProcess.Outcome run = HostTools.run(Map.of(), List.of(LAUNCHER.toString(), "package", "--fast"));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("jwrap package: takes no arguments (try 'jwrap package --help')\n");
    }
}
