package dev.jwrap.dist;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

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
     * Makes sure {@code program} is on the PATH: skips the test on a developer's machine, fails it
     * under CI ({@code CI=true}), naming the Debian package to install.
     */
    static void require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        String message = program + " is not installed (apt-get install " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + ": CI must have it");
        }
        abort(message);
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
