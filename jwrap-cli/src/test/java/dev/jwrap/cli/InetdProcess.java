package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code jwrap inetd} as a real JVM process for tests, possibly behind a launcher such as
 * {@code systemd-socket-activate} that execs it; its standard error (the {@code -d} trace and log
 * lines) is collected line by line so that tests wait for what they expect instead of sleeping.
 */
final class InetdProcess implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 30;
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private final Process process;
    private final BlockingQueue<String> arriving = new LinkedBlockingQueue<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private InetdProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    seen.add(line);
                    arriving.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** Runs {@code launcher} (may be empty) followed by the JVM running {@code jwrap inetd args}, in {@code dir}. */
    static InetdProcess start(Path dir, List<String> launcher, String... args) throws IOException {
        return command(dir, java.util.Map.of(), launcher, "inetd", args);
    }

    /** As {@link #start(Path, List, String...)} with {@code environment} added to this JVM's. */
    static InetdProcess start(Path dir, java.util.Map<String, String> environment, List<String> launcher,
            String... args) throws IOException {
        return command(dir, environment, launcher, "inetd", args);
    }

    /** The same for another server subcommand, e.g. {@code jwrap guard args}. */
    static InetdProcess command(Path dir, List<String> launcher, String subcommand, String... args)
            throws IOException {
        return command(dir, java.util.Map.of(), launcher, subcommand, args);
    }

    /** Any server subcommand, with {@code environment} added to this JVM's. */
    static InetdProcess command(Path dir, java.util.Map<String, String> environment, List<String> launcher,
            String subcommand, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), subcommand));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return new InetdProcess(builder.start());
    }

    long pid() {
        return process.pid();
    }

    /** Waits until a line satisfying {@code wanted} appears on standard error (30 s at most). */
    void await(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            String line = arriving.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("standard error so far:%n%s", String.join("\n", seen)).isNotNull();
            if (wanted.test(line)) {
                return;
            }
        }
    }

    /** Every line written to standard error so far. */
    List<String> lines() {
        return List.copyOf(seen);
    }

    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    /**
     * Waits (30 s at most) until the PID file {@code file} names this process: the server writes it
     * once its signal handlers are installed, so from then on SIGTERM is a clean shutdown.
     */
    void awaitPidFile(Path file) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        String expected = process.pid() + "\n";
        while (!(java.nio.file.Files.exists(file) && expected.equals(java.nio.file.Files.readString(file)))) {
            assertThat(System.nanoTime() - deadline).as("PID file %s not written", file).isNegative();
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // polled with a deadline
        }
    }

    /** SIGTERM, then the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    static int freePort() throws IOException {
        return dev.jwrap.host.access.TestPorts.freePort();
    }

    /** Sends {@code text} to 127.0.0.1:{@code port}, half-closes, and returns everything read until EOF. */
    static String exchange(int port, String text) throws IOException {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(LOOPBACK, port))) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            channel.shutdownOutput();
            StringBuilder out = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                out.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            return out.toString();
        }
    }
}
