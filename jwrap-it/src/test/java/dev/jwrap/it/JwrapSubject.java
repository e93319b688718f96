package dev.jwrap.it;

import dev.jwrap.cli.Jwrap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code jwrap <subcommand> args...} in this JVM through {@link Jwrap#run}, the system under
 * test. The streams it gets are UTF-8 {@link PrintStream}s over byte buffers: text is compared as
 * the bytes it encodes to, so bytes copied from files (banners) must be written as bytes to be
 * reproduced exactly.
 *
 * <p>Each run gets its own daemon thread so that a hanging run fails the test instead of the
 * build. An exception escaping {@code Jwrap.run} is reported as exit status -2 with the stack
 * trace as standard error.
 */
final class JwrapSubject {

    /** Exit status reported when {@link Jwrap#run} throws. */
    static final int THREW = -2;

    ToolRun run(Tool tool, Path cwd, List<String> args, Duration timeout) {
        List<String> argv = new ArrayList<>();
        argv.add(tool.subcommand());
        argv.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> status = new CompletableFuture<>();
        long start = System.nanoTime();
        Thread.ofPlatform().daemon().name("jwrap-subject").start(() -> {
            try {
                status.complete(Jwrap.run(cwd, outStream, errStream, argv.toArray(String[]::new)));
            } catch (Throwable t) {
                status.completeExceptionally(t);
            }
        });
        int exit;
        boolean timedOut = false;
        try {
            exit = status.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exit = -1;
            timedOut = true;
        } catch (ExecutionException e) {
            exit = THREW;
            errStream.print(stackTrace(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jwrap " + argv, e);
        }
        outStream.flush();
        errStream.flush();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new ToolRun(exit, out.toByteArray(), err.toByteArray(), List.of(), timedOut, elapsed);
    }

    private static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return "jwrap threw: " + sw;
    }
}
