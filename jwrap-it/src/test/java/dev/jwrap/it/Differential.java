package dev.jwrap.it;

import dev.jwrap.it.CaseFile.Invocation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The differential test itself: creates a case's working directory, makes every run with the C
 * tool and with {@code jwrap} in that same directory, and fails when standard output (every byte)
 * or the exit status differ. Standard error is not compared: Debian's tools log their diagnostics
 * to syslog, jwrap writes them to standard error; both appear in the failure message.
 *
 * <p>Not thread-safe (see {@link TcpdOracle}).
 */
final class Differential implements AutoCloseable {

    /** Only runs faster than this are repeated for the determinism check (overflow cases sleep 5 s). */
    private static final Duration REPEATABLE = Duration.ofSeconds(1);

    private final TcpdOracle oracle;
    private final JwrapSubject jwrap = new JwrapSubject();
    private final boolean checkDeterminism;

    private Differential(TcpdOracle oracle, boolean checkDeterminism) {
        this.oracle = oracle;
        this.checkDeterminism = checkDeterminism;
    }

    /**
     * Checks the environment and starts the oracle.
     *
     * @param checkDeterminism run the C tool twice per run and fail if it answers differently: for
     *     hand-written cases, which must not depend on pids, time or the like
     */
    static Differential start(boolean checkDeterminism) throws IOException {
        return new Differential(TcpdOracle.start(Tool.values()), checkDeterminism);
    }

    TcpdOracle oracle() {
        return oracle;
    }

    /** Throws an {@link AssertionError} describing every run of {@code c} in which jwrap disagrees. */
    void assertAgree(CaseFile c) throws IOException {
        List<String> differences = new ArrayList<>();
        List<Invocation> failing = new ArrayList<>();
        try (CaseDirectory dir = CaseDirectory.create(c)) {
            for (Invocation run : c.runs()) {
                List<String> args = run.argsIn(dir.dirText());
                String difference = compare(run, dir, args);
                if (difference != null) {
                    differences.add(difference);
                    failing.add(run);
                }
            }
        }
        if (!differences.isEmpty()) {
            CaseFile reduced = new CaseFile(c.name(), c.description(), c.entries(), failing);
            throw new AssertionError(DifferenceReport.forCase(c, differences, reduced));
        }
    }

    private String compare(Invocation run, CaseDirectory dir, List<String> args) throws IOException {
        ToolRun expected = oracle.run(run.tool(), dir.root(), args);
        if (checkDeterminism && !expected.timedOut() && expected.elapsed().compareTo(REPEATABLE) < 0) {
            ToolRun again = oracle.run(run.tool(), dir.root(), args);
            if (!again.agreesWith(expected)) {
                return DifferenceReport.nondeterministic(run, args, expected, again);
            }
        }
        Duration timeout = TcpdOracle.DEFAULT_TIMEOUT;
        ToolRun actual = jwrap.run(run.tool(), dir.root(), args, timeout);
        boolean agree = !actual.timedOut()
                && java.util.Arrays.equals(actual.stdout(), expected.stdout())
                && run.tool().exitStatusCorresponds(expected.exitStatus(), actual.exitStatus());
        return agree ? null : DifferenceReport.mismatch(run, args, expected, actual);
    }

    @Override
    public void close() throws IOException {
        oracle.close();
    }
}
