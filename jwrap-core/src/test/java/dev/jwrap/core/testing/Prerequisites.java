package dev.jwrap.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.TestAbortedException;

/**
 * What a test needs from the machine (a C tool as oracle, root for a namespace), checked in one
 * place: a test whose prerequisites are missing is skipped on a developer's machine but FAILS under
 * {@code CI=true}, where a skipped oracle test would pass for a proof it never gave.
 *
 * <pre>{@code
 * Prerequisites.of("nftables tests")
 *         .executable("/usr/sbin/nft", "apt-get install nftables")
 *         .root("unshare -n and nft need root")
 *         .require();
 * }</pre>
 */
public final class Prerequisites {

    private final String what;
    private final List<String> problems = new ArrayList<>();

    private Prerequisites(String what) {
        this.what = what;
    }

    /** @param what the tests that need it, for the message ("nftables tests") */
    public static Prerequisites of(String what) {
        return new Prerequisites(what);
    }

    /** An executable file, with how to get it ("apt-get install nftables"). */
    public Prerequisites executable(String path, String howToGet) {
        return executable(Path.of(path), howToGet);
    }

    /** An executable file, with how to get it ("apt-get install nftables"). */
    public Prerequisites executable(Path path, String howToGet) {
        return when(!Files.isExecutable(path), path + " is missing (" + howToGet + ")");
    }

    /** The test JVM runs as root, for {@code why}. */
    public Prerequisites root(String why) {
        return when(!"root".equals(System.getProperty("user.name")), "not root: " + why);
    }

    /** Any other prerequisite: {@code problem} applies when {@code missing}. */
    public Prerequisites when(boolean missing, String problem) {
        if (missing) {
            problems.add(problem);
        }
        return this;
    }

    /** Returns when nothing is missing; otherwise skips the test, or fails it under {@code CI=true}. */
    public void require() {
        if (problems.isEmpty()) {
            return;
        }
        String message = what + " cannot run: " + String.join("; ", problems);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: failing instead of skipping)");
        }
        throw new TestAbortedException(message);
    }
}
