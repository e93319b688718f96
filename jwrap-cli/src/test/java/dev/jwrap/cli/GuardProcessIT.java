package dev.jwrap.cli;

import static dev.jwrap.cli.InetdProcess.exchange;
import static dev.jwrap.cli.InetdProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwrap guard -d} as a real JVM process in front of an echo backend: relaying, refusing,
 * SIGHUP reload (and keeping the last good tables), SIGTERM shutdown. Progress is observed on its
 * {@code -d} log lines, never by sleeping.
 */
class GuardProcessIT {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    @TempDir
    Path dir;

    private InetdProcess process;
    private ServerSocketChannel backend;

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void relaysRefusesReloadsOnSighup_andExitsZeroOnSigterm() throws Exception {
        int backendPort = startEchoBackend();
        int port = freePort();
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "");

        start("-d", "--listen", "127.0.0.1:" + port, "--to", "127.0.0.1:" + backendPort, "--daemon", "echo",
                "--allow", "hosts.allow", "--deny", "hosts.deny", "--watch-interval", "10m");
        await(line -> line.contains("guarding echo 127.0.0.1:" + port));

        assertThat(exchange(port, "ping\n")).isEqualTo("ping\n");
        await(line -> line.endsWith("echo[" + process.pid() + "]: connect from 127.0.0.1 (127.0.0.1)"));

        Files.writeString(dir.resolve("hosts.deny"), "echo: 127.0.0.1\n");
        signal("HUP");
        await(line -> line.endsWith("reloaded: 1 service(s)"));
        assertThat(exchange(port, "")).isEmpty();
        await(line -> line.endsWith("refused connect from 127.0.0.1 (127.0.0.1)"));

        Files.writeString(dir.resolve("hosts.deny"), "echo 127.0.0.1\n");
        signal("HUP");
        await(line -> line.endsWith("reloaded: 1 service(s), previous hosts tables kept"));
        assertThat(exchange(port, "")).isEmpty();

        assertThat(process.terminate()).isZero();
    }

    @Test
    void jsonEventsAndPrometheusMetrics() throws Exception {
        int backendPort = startEchoBackend();
        int port = freePort();
        int metricsPort = freePort();
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "");

        start("-d", "--log-format", "json", "--metrics", "127.0.0.1:" + metricsPort, "--listen", "127.0.0.1:" + port,
                "--to", "127.0.0.1:" + backendPort, "--daemon", "echo", "--allow", "hosts.allow", "--deny",
                "hosts.deny");
        await(line -> line.contains("guarding echo 127.0.0.1:" + port));

        assertThat(exchange(port, "ping\n")).isEqualTo("ping\n");
        await(line -> line.contains("\"server\":\"guard\"") && line.contains("\"outcome\":\"allowed\"")
                && line.contains("\"client_address\":\"127.0.0.1\""));

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        // at least ours: the machine's own probes of loopback listeners may add to the count
        java.util.regex.Matcher allowed = java.util.regex.Pattern
                .compile("(?m)^jwrap_connections_total\\{outcome=\"allowed\",service=\"echo\"} (\\d+)\\.0$")
                .matcher(scrape.body());
        assertThat(allowed.find()).as("allowed counter in %s", scrape.body()).isTrue();
        assertThat(Integer.parseInt(allowed.group(1))).isGreaterThanOrEqualTo(1);
    }

    private int startEchoBackend() throws IOException {
        backend = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        Thread.ofVirtual().start(() -> {
            while (backend.isOpen()) {
                try {
                    SocketChannel c = backend.accept();
                    Thread.ofVirtual().start(() -> echo(c));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return ((InetSocketAddress) backend.getLocalAddress()).getPort();
    }

    private static void echo(SocketChannel c) {
        try (c) {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (c.read(buffer) >= 0) {
                buffer.flip();
                c.write(buffer);
                buffer.clear();
            }
        } catch (IOException ignored) {
            // the guard closed or reset the connection
        }
    }

    private void start(String... args) throws IOException {
        process = InetdProcess.command(dir, List.of(), "guard", args);
    }

    private void await(Predicate<String> wanted) throws InterruptedException {
        process.await(wanted);
    }

    private void signal(String name) throws Exception {
        process.signal(name);
    }
}
