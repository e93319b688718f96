package dev.jwrap.dist;

import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the programs the package test needs (dpkg, lintian, man, systemd-analyze, the installed
 * launchers), each within a deadline.
 */
final class Commands {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Commands() {}

    /**
     * Makes sure {@code /usr/bin/program} is there (Debian puts every tool these tests use there):
     * skips the test on a developer's machine, fails it under CI ({@code CI=true}).
     */
    static void require(String program, String debianPackage) {
        Prerequisites.of("jwrap-dist's package tests")
                .executable("/usr/bin/" + program, "apt-get install " + debianPackage)
                .root("dpkg installs into the throw-away root as root")
                .require();
    }

    static ChildProcess.Outcome run(Path workDir, List<String> command) {
        return run(workDir, Map.of(), command);
    }

    /** Runs {@code command} in {@code workDir} with extra environment and no input; at most two minutes. */
    static ChildProcess.Outcome run(Path workDir, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(env);
        return ChildProcess.run(pb, TIMEOUT);
    }
}
