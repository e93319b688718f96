package dev.jwrap.cli.testing;

import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Programs of the host that tests run (man, groff, bash). A missing one skips the test on a
 * developer's machine; under CI ({@code CI=true}) it fails it, naming the Debian package to install.
 */
public final class HostTools {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private HostTools() {}

    /**
     * Makes sure {@code program} is on the PATH.
     *
     * @param debianPackage the package that provides it, for the message
     */
    public static void require(String program, String debianPackage) {
        Prerequisites.of("tests running " + program)
                .when(!onPath(program), program + " is not installed (apt-get install " + debianPackage + ")")
                .require();
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a program with extra environment variables and no standard input; waits at most a minute. */
    public static ChildProcess.Outcome run(Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        return ChildProcess.run(pb, TIMEOUT);
    }
}
