package dev.jwrap.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code tcpdmatch}/{@code tcpdchk} in a working directory, with a timeout, and
 * captures standard output, standard error, the exit status and (inside the ns/bin/java namespace)
 * what the tool sent to syslog. Every run is a fresh process, so the {@code user} option, which
 * makes Debian's tcpdmatch really change its identity when run as root, cannot leak between runs.
 *
 * <p>The environment is reduced to {@code PATH} and {@code LC_ALL=C}, so error texts
 * ({@code strerror}) are the untranslated ones. Not thread-safe: runs must not overlap, or syslog
 * messages could be attributed to the wrong run.
 */
final class TcpdOracle implements AutoCloseable {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SYSLOG_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, String> ENVIRONMENT =
            Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");

    private final SyslogSink syslog;

    private TcpdOracle(SyslogSink syslog) {
        this.syslog = syslog;
    }

    /**
     * Checks the environment ({@link ItEnvironment#require}) and, inside the namespace, starts
     * listening on {@code /dev/log}.
     */
    static TcpdOracle start(Tool... tools) throws IOException {
        ItEnvironment.require(tools);
        boolean ownDevLog = ItEnvironment.namespaceReady() && Files.notExists(ItEnvironment.DEV_LOG);
        return new TcpdOracle(ownDevLog ? SyslogSink.listen(ItEnvironment.DEV_LOG) : null);
    }

    /** Whether syslog messages are captured (they are inside the namespace). */
    boolean capturesSyslog() {
        return syslog != null;
    }

    ToolRun run(Tool tool, Path cwd, List<String> args) throws IOException {
        return run(tool, cwd, args, DEFAULT_TIMEOUT);
    }

    ToolRun run(Tool tool, Path cwd, List<String> args, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(tool.executable().toString());
        command.addAll(args);
        Path out = Files.createTempFile("jwrap-it-oracle-", ".out");
        Path err = Files.createTempFile("jwrap-it-oracle-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(cwd.toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(ENVIRONMENT);
            long start = System.nanoTime();
            Process process = pb.start();
            boolean finished = waitFor(process, timeout);
            if (!finished) {
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(10));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            List<SyslogRecord> logged = syslog == null ? List.of() : syslog.collect(SYSLOG_TIMEOUT);
            return new ToolRun(
                    finished ? process.exitValue() : -1,
                    Files.readAllBytes(out),
                    Files.readAllBytes(err),
                    logged,
                    !finished,
                    elapsed);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) throws IOException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + process.info().command().orElse("the oracle"), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (syslog != null) {
            syslog.close();
        }
    }
}
