package dev.jwrap.cli;

import static dev.jwrap.cli.InetdProcess.exchange;
import static dev.jwrap.cli.InetdProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwrap inetd -d} as a real JVM process: serving, refusing, SIGHUP reload and SIGTERM
 * shutdown. Progress is observed on its {@code -d} trace, never by sleeping.
 */
class InetdProcessIT {

    private static final long TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;

    private Process process;
    private final BlockingQueue<String> trace = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void servesRefusesReloadsOnSighup_andExitsZeroOnSigterm() throws Exception {
        int echo = freePort();
        int cat = freePort();
        Files.writeString(dir.resolve("services"), "echo " + echo + "/tcp\n");
        String user = System.getProperty("user.name");
        Files.writeString(dir.resolve("inetd.conf"), """
                127.0.0.1:echo stream tcp4 nowait %1$s internal
                127.0.0.1:%2$d stream tcp4 nowait %1$s /usr/sbin/tcpd /bin/cat
                """.formatted(user, cat));
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "cat: 127.0.0.1\n");

        start("-d", "--services", "services", "--allow", "hosts.allow", "--deny", "hosts.deny", "inetd.conf");
        await(line -> line.startsWith("ADD: 127.0.0.1:" + cat));

        assertThat(exchange(echo, "ping\n")).isEqualTo("ping\n");
        assertThat(exchange(cat, "")).isEmpty();
        await(line -> line.endsWith("refused connect from 127.0.0.1 (127.0.0.1)"));

        Files.writeString(dir.resolve("hosts.deny"), "");
        signal("HUP");
        await(line -> line.startsWith("REDO: 127.0.0.1:" + cat));
        assertThat(exchange(cat, "after reload\n")).isEqualTo("after reload\n");

        process.destroy();  // SIGTERM
        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void logFormatJson_writesOneEventPerConnection_andMetricsCountIt() throws Exception {
        int cat = freePort();
        int metrics = freePort();
        Files.writeString(dir.resolve("services"), "");
        Files.writeString(dir.resolve("inetd.conf"), "127.0.0.1:%2$d stream tcp4 nowait %1$s /usr/sbin/tcpd /bin/cat\n"
                .formatted(System.getProperty("user.name"), cat));
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "cat: ALL\n");

        start("-d", "--log-format", "json", "--metrics", "127.0.0.1:" + metrics, "--services", "services",
                "--allow", "hosts.allow", "--deny", "hosts.deny", "inetd.conf");
        await(line -> line.startsWith("ADD: 127.0.0.1:" + cat));

        assertThat(exchange(cat, "")).isEmpty();
        await(line -> line.contains("{\"schema\":1,") && line.contains("\"outcome\":\"denied\"")
                && line.contains("\"local_port\":" + cat + ","));
        String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metrics + "/metrics")).build(), BodyHandlers.ofString()).body();
        // other connections to the port (this machine makes some) are refused too: at least ours
        assertThat(page).containsPattern("(?m)^jwrap_connections_total\\{outcome=\"denied\",service=\"" + cat
                + "/tcp4\"} [1-9]");
    }

    private void start(String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "inetd"));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    trace.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    private void await(Predicate<String> wanted) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        while (true) {
            String line = trace.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(line).as("trace so far:%n%s", seen).isNotNull();
            seen.append(line).append('\n');
            if (wanted.test(line)) {
                return;
            }
        }
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
