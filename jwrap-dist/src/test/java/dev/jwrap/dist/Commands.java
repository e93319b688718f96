package dev.jwrap.dist;

import static org.assertj.core.api.Assertions.fail;

import dev.jwrap.core.testing.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the programs the package test needs (dpkg, lintian, man, systemd-analyze, the installed
 * launchers). Output goes to files, so no pipe can fill up and block a program.
 */
final class Commands {

    private static final long TIMEOUT_SECONDS = 120;

    private Commands() {}

    /** What a finished program printed and returned. */
    record Result(int status, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

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

    static Result run(Path workDir, List<String> command) {
        return run(workDir, Map.of(), command);
    }

    /** Runs {@code command} in {@code workDir} with extra environment and no input; at most two minutes. */
    static Result run(Path workDir, Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile("jwrap-dist", ".out");
            Path err = Files.createTempFile("jwrap-dist", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(command + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
