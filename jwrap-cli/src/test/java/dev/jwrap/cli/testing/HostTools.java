package dev.jwrap.cli.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.jwrap.core.testing.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Programs of the host that tests run (man, groff, bash). A missing one skips the test on a
 * developer's machine; under CI ({@code CI=true}) it fails it, naming the Debian package to install.
 */
public final class HostTools {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private HostTools() {}

    /** What a finished process printed and returned. */
    public record Run(int status, String stdout, String stderr) {}

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
    public static Run run(Map<String, String> env, List<String> command) {
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            FutureTask<String> out = drain(p.getInputStream());
            FutureTask<String> err = drain(p.getErrorStream());
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish within " + TIMEOUT);
            }
            return new Run(p.exitValue(), out.get(), err.get());
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Reads a stream to its end on a thread of its own, so neither pipe can fill up and block the process. */
    private static FutureTask<String> drain(InputStream in) {
        FutureTask<String> task = new FutureTask<>(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        Thread.ofVirtual().start(task);
        return task;
    }
}
