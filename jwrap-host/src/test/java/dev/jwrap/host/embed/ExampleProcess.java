package dev.jwrap.host.embed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: an example program run as a real JVM child process with this test's class path.
 * It must print {@code listening on HOST/ADDRESS:PORT} first; its stderr lines are collected.
 * Closing kills it.
 */
public final class ExampleProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final InetSocketAddress address;
    private final List<String> stderr;

    private ExampleProcess(Process process, InetSocketAddress address, List<String> stderr) {
        this.process = process;
        this.address = address;
        this.stderr = stderr;
    }

    public static ExampleProcess start(Class<?> main, String... args) throws IOException {
        return start(List.of(), main, args);
    }

    /** Runs the example with at most {@code openFiles} descriptors ({@code prlimit --nofile}). */
    public static ExampleProcess startWithDescriptorLimit(int openFiles, Class<?> main, String... args)
            throws IOException {
        return start(List.of("prlimit", "--nofile=" + openFiles + ":" + openFiles), main, args);
    }

    private static ExampleProcess start(List<String> prefix, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        List<String> stderr = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> collect(process, stderr));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = readFirstLine(out, process);
            if (first == null || !first.startsWith("listening on ")) {
                throw new IOException(main.getSimpleName() + " did not start: " + first + " " + stderr);
            }
            String hostPort = first.substring(first.lastIndexOf('/') + 1);
            int colon = hostPort.lastIndexOf(':');
            InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1)));
            return new ExampleProcess(process, address, stderr);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The first stdout line, waiting at most the start limit (a hung child is killed). */
    private static String readFirstLine(BufferedReader out, Process process) throws IOException {
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly(); // ends the read below with EOF
                }
            } catch (InterruptedException e) {
                // started in time
            }
        });
        try {
            return out.readLine();
        } finally {
            watchdog.interrupt();
        }
    }

    private static void collect(Process process, List<String> lines) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The stderr lines so far. */
    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
