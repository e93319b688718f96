package dev.jwrap.host.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** Test fixture: this process's open file descriptors, to prove a stress run leaks none. */
public final class OpenDescriptors {

    private OpenDescriptors() {}

    public static int count() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until no more than {@code baseline} descriptors are open (closes on the server side
     * finish after the clients see them), and returns the last count seen.
     */
    public static int awaitAtMost(int baseline, Duration limit) {
        // the count that ended the wait is the answer: a fresh count afterwards could include a
        // descriptor opened since by something else (the machine probes loopback listeners)
        int[] last = {count()};
        try {
            Poll.until(() -> (last[0] = count()) <= baseline, limit, "open descriptors back to " + baseline);
        } catch (AssertionError e) {
            // the caller asserts on the count, which names the difference
        }
        return last[0];
    }
}
