package dev.jwrap.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a real program to its end within a deadline, the way the integration tests need it: standard
 * input from {@code /dev/null} unless the caller redirected it, both output streams read while it
 * runs (a full pipe would otherwise stall the child), and a child that outlives the deadline is
 * killed and fails the test instead of hanging the build.
 *
 * <pre>{@code
 * ChildProcess.Outcome ss = ChildProcess.run(List.of("ss", "-tlnH"), Duration.ofSeconds(30));
 * assertThat(ss.status()).as(ss.all()).isZero();
 * }</pre>
 */
public final class ChildProcess {

    private ChildProcess() {
    }

    /** How a child ended: its exit status and what it wrote to each stream (UTF-8). */
    public record Outcome(int status, String stdout, String stderr) {

        /** Both streams, for assertion messages. */
        public String all() {
            return stdout + stderr;
        }
    }

    /** Runs {@code command} with nothing on standard input. */
    public static Outcome run(List<String> command, Duration deadline) {
        return run(new ProcessBuilder(command), deadline);
    }

    /**
     * Starts {@code builder} and waits for the child. Redirections the builder already has are kept:
     * a stream redirected to a file or merged into the other reads as empty here.
     *
     * @throws AssertionError when the child does not finish within {@code deadline} (it is killed)
     */
    public static Outcome run(ProcessBuilder builder, Duration deadline) {
        if (builder.redirectInput() == ProcessBuilder.Redirect.PIPE) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
        FutureTask<String> out = drain(child.getInputStream());
        FutureTask<String> err = drain(child.getErrorStream());
        long end = System.nanoTime() + deadline.toNanos();
        try {
            if (!child.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly();
                throw new AssertionError(builder.command() + " did not finish within " + deadline);
            }
            // a grandchild that inherited the pipes may keep them open after the child exited
            return new Outcome(child.exitValue(), out.get(remaining(end), TimeUnit.NANOSECONDS),
                    err.get(remaining(end), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("the output of " + builder.command() + " was still open after " + deadline
                    + " (a process it started holds it?)");
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + builder.command(), e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("cannot read the output of " + builder.command(), (IOException) e.getCause());
        }
    }

    private static long remaining(long end) {
        return Math.max(0, end - System.nanoTime());
    }

    private static FutureTask<String> drain(InputStream stream) {
        FutureTask<String> task = new FutureTask<>(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        Thread.ofVirtual().name("child-output").start(task);
        return task;
    }
}
