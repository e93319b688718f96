package dev.jwrap.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.jwrap.host.access.LoopbackClients.connect;
import static dev.jwrap.host.access.LoopbackClients.exchange;
import static dev.jwrap.host.access.LoopbackClients.freePort;

import dev.jwrap.cli.events.JsonConnectionLog;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.resolve.SystemUserDatabase;
import dev.jwrap.host.access.ConnectionObserver;
import dev.jwrap.host.access.LoopbackClients;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.inetd.config.InetdConfigParser;
import dev.jwrap.inetd.config.ParserOptions;
import dev.jwrap.inetd.config.ServicesDatabase;
import dev.jwrap.inetd.server.Observability;
import dev.jwrap.inetd.server.PassedSockets;
import dev.jwrap.inetd.server.Supervisor;
import dev.jwrap.inetd.server.SupervisorOptions;
import dev.jwrap.inetd.server.Trace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * jwrap inetd's Prometheus endpoint and JSON events on a real supervisor: real connections on
 * loopback, allowed, refused, limited and failing to start, then {@code GET /metrics}. The test's
 * clients come from 127.0.0.3 and 127.0.0.4 and the tables let in only 127.0.0.3, so the stray
 * connections this machine makes to every loopback listener (from 127.0.0.1) can only add to the
 * denied counts: those are asserted as lower bounds, everything else exactly.
 */
class InetdMetricsIT {

    private static final InetAddress ALLOWED = InetAddress.ofLiteral("127.0.0.3");
    private static final InetAddress REFUSED = InetAddress.ofLiteral("127.0.0.4");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Supervisor supervisor;
    private MetricsEndpoint endpoint;
    private int catPort;
    private int missingPort;
    /** A /bin/cat line with per_source=1, for the limit (the others are unlimited: a child that
     * has not been reaped yet must not turn the next connection of the same test away). */
    private int limitedPort;

    @BeforeEach
    void start() throws IOException {
        catPort = freePort();
        missingPort = freePort();
        String user = System.getProperty("user.name");
        limitedPort = freePort();
        Files.writeString(dir.resolve("inetd.conf"), """
                127.0.0.1:%2$d stream tcp4 nowait %1$s /usr/sbin/tcpd /bin/cat
                127.0.0.1:%3$d stream tcp4 nowait %1$s /usr/sbin/tcpd /nonexistent/jwrap-missing
                #jwrap: per_source=1
                127.0.0.1:%4$d stream tcp4 nowait %1$s /usr/sbin/tcpd /bin/cat
                """.formatted(user, catPort, missingPort, limitedPort));
        Files.writeString(dir.resolve("hosts.allow"), "cat, jwrap-missing: 127.0.0.3\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        PrometheusMetrics metrics = new PrometheusMetrics();
        endpoint = MetricsEndpoint.serve(metrics.registry(), new InetSocketAddress(LoopbackClients.SERVER, 0));
        Syslog log = (priority, message) -> logged.add(priority.code(SyslogPriority.LOG_DAEMON) + " " + message);
        ServicesDatabase services = ServicesDatabase.parse("");
        InetdConfigParser parser = new InetdConfigParser(services, ParserOptions.DEFAULTS);
        SupervisorOptions options = SupervisorOptions.defaults()
                .withTables(TableFile.of(dir.resolve("hosts.allow")), TableFile.of(dir.resolve("hosts.deny")));
        supervisor = Supervisor.start(() -> parser.parse(dir.resolve("inetd.conf")), options, log, Trace.OFF,
                services, new LookupServices(LookupServices.OFFLINE.resolver(), LookupServices.OFFLINE.ident(),
                        new SystemUserDatabase()),
                new Observability(ConnectionObserver.all(new JsonConnectionLog(log)), metrics, false), PassedSockets.none());
    }

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void countersMoveByWhatTheConnectionsDid() throws Exception {
        String cat = catPort + "/tcp4";
        String missing = missingPort + "/tcp4";

        assertThat(exchange(ALLOWED, catPort, "one\n")).isEqualTo("one\n");
        assertThat(exchange(ALLOWED, catPort, "two\n")).isEqualTo("two\n");
        assertThat(exchange(REFUSED, catPort, "")).isEmpty();
        assertThat(exchange(ALLOWED, missingPort, "")).isEmpty();

        awaitMetric("jwrap_connections_total", labels("outcome", "allowed", "service", cat), v -> v == 2);
        awaitMetric("jwrap_connections_total", labels("outcome", "denied", "service", cat), v -> v >= 1);
        awaitMetric("jwrap_connections_total", labels("outcome", "allowed", "service", missing), v -> v == 1);
        awaitMetric("jwrap_connections_total", labels("outcome", "failed", "service", missing), v -> v == 1);
        awaitMetric("jwrap_spawn_failures_total", labels("service", missing), v -> v == 1);
        assertThat(awaitEvent("failed", "127.0.0.3").get("detail").asString())
                .isEqualTo("cannot start /nonexistent/jwrap-missing");
        awaitMetric("jwrap_connections_active", labels("service", cat), v -> v == 0);
    }

    @Test
    void activeConnectionsAndThePerSourceLimitAreCounted() throws Exception {
        String cat = limitedPort + "/tcp4";
        try (SocketChannel held = connect(ALLOWED, limitedPort)) {
            // the held connection is being served once cat answers through it
            held.write(ByteBuffer.wrap("held\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(readLine(held)).isEqualTo("held");
            awaitMetric("jwrap_connections_active", labels("service", cat), v -> v >= 1);

            assertThat(exchange(ALLOWED, limitedPort, "")).isEmpty();  // per_source=1: dropped at once
            awaitMetric("jwrap_limited_total", labels("limit", "per_source", "service", cat), v -> v == 1);
            awaitMetric("jwrap_connections_total", labels("outcome", "limited", "service", cat), v -> v == 1);
        }
        awaitMetric("jwrap_connections_active", labels("service", cat), v -> v == 0);
    }

    @Test
    void reloadsAreCountedByResult() throws Exception {
        assertThat(supervisor.reload()).isTrue();
        Files.writeString(dir.resolve("hosts.deny"), "ALL ALL\n");  // missing ':' separator
        assertThat(supervisor.reload()).isTrue();

        awaitMetric("jwrap_reloads_total", labels("result", "ok"), v -> v == 1);
        awaitMetric("jwrap_reloads_total", labels("result", "failed"), v -> v == 1);
    }

    @Test
    void eachConnectionIsOneJsonEventAtTheVerdictsLevel() throws Exception {
        assertThat(exchange(REFUSED, catPort, "")).isEmpty();

        JsonNode event = awaitEvent("denied", "127.0.0.4");
        assertThat(event.get("schema").asInt()).isEqualTo(JsonConnectionLog.SCHEMA);
        assertThat(event.get("server").asString()).isEqualTo("inetd");
        assertThat(event.get("service").asString()).isEqualTo(catPort + "/tcp4");
        assertThat(event.get("daemon").asString()).isEqualTo("cat");
        assertThat(event.get("transport").asString()).isEqualTo("tcp");
        assertThat(event.get("local_port").asInt()).isEqualTo(catPort);
        assertThat(event.get("outcome").asString()).isEqualTo("denied");
        assertThat(event.get("rule").asString()).isEqualTo(dir.resolve("hosts.deny") + ":1");
        assertThat(event.get("severity").asString()).isEqualTo("warning");
        assertThat(logged).as("logged at daemon.warning (28)")
                .anyMatch(line -> line.startsWith("28 {") && line.contains("\"client_address\":\"127.0.0.4\""));
        // --log-format json replaces the text line: no "refused connect" for this client
        assertThat(logged).noneMatch(line -> line.contains("refused connect from 127.0.0.4"));
    }

    /** The first JSON event logged about {@code client} with {@code outcome}. */
    private JsonNode awaitEvent(String outcome, String client) {
        Pattern prefix = Pattern.compile("^\\d+ (\\{.*\"client_address\":\"" + Pattern.quote(client)
                + "\".*\"outcome\":\"" + outcome + "\".*)$");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : logged) {
                Matcher m = prefix.matcher(line);
                if (m.matches()) {
                    return JsonMapper.builder().build().readTree(m.group(1));
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll interval, not a synchronisation
        }
        throw new AssertionError("no JSON event " + outcome + " for " + client + "; logged: " + logged);
    }

    /** Labels in the order the exposition format writes them (sorted by name). */
    private static String labels(String... nameValues) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < nameValues.length; i += 2) {
            text.append(i == 0 ? "" : ",").append(nameValues[i]).append("=\"").append(nameValues[i + 1]).append('"');
        }
        return text.append('}').toString();
    }

    /** Scrapes /metrics until the sample {@code name labels} satisfies {@code wanted}. */
    private void awaitMetric(String name, String labels, DoublePredicate wanted) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String page = "";
        while (System.nanoTime() < deadline) {
            page = scrape();
            for (String line : page.lines().toList()) {
                if (line.startsWith(name + labels + " ") && wanted.test(Double.parseDouble(
                        line.substring(line.lastIndexOf(' ') + 1)))) {
                    return;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval, not a synchronisation
        }
        throw new AssertionError(name + labels + " never had the expected value; last scrape:\n" + page
                + "\nlogged: " + logged);
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String readLine(SocketChannel channel) throws IOException {
        StringBuilder line = new StringBuilder();
        var in = channel.socket().getInputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
