package dev.jwrap.bench;

import dev.jwrap.cli.events.JsonConnectionLog;
import dev.jwrap.cli.metrics.PrometheusMetrics;
import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.TableFile;
import dev.jwrap.host.access.AccessAttempt;
import dev.jwrap.host.access.Arrival;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.ConnectionObserver;
import dev.jwrap.host.access.LogStyle;
import dev.jwrap.host.access.ServerMetrics;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What jwrap inetd's observability adds to each connection at the access gate: an unchecked
 * connection ({@code passed}) and a checked one against a two-rule table ({@code decide}, tcpd
 * style), with {@code none} (text lines only), {@code metrics} (Prometheus counters), {@code json}
 * (one JSON object rendered per connection) or {@code both}. Log lines go to a sink that keeps
 * only their length, so the score is jwrap's work, not a syslog daemon's. Score: ns per connection.
 */
@State(Scope.Thread)
public class ObservabilityBenchmark extends BenchmarkBase {

    @Param({"none", "metrics", "json", "both"})
    public String observability;

    private ConnectionGate gate;
    private Arrival arrival;
    private AccessAttempt attempt;
    private Path dir;
    private long logged;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("jwrap-observability-bench");
        Files.writeString(dir.resolve("hosts.allow"), "in.telnetd: 127.0.0.1\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        AccessPolicy policy = AccessPolicy.load(TableFile.of(dir.resolve("hosts.allow")),
                TableFile.of(dir.resolve("hosts.deny")));
        Syslog sink = (priority, message) -> logged += message.length();
        boolean json = observability.equals("json") || observability.equals("both");
        boolean metrics = observability.equals("metrics") || observability.equals("both");
        gate = ConnectionGate.builder("inetd", () -> policy, LookupServices.OFFLINE)
                .log(sink)
                .observer(json ? new JsonConnectionLog(sink) : ConnectionObserver.none())
                .metrics(metrics ? new PrometheusMetrics() : ServerMetrics.NONE)
                .verdictLines(!json)
                .build();
        arrival = new Arrival("telnet/tcp", Transport.TCP, new InetSocketAddress("127.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 23));
        attempt = arrival.checkedAs("in.telnetd", LogStyle.tcpd());
    }

    @TearDown(Level.Trial)
    public void tearDown(Blackhole blackhole) throws IOException {
        blackhole.consume(logged);
        Files.deleteIfExists(dir.resolve("hosts.allow"));
        Files.deleteIfExists(dir.resolve("hosts.deny"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public void passed() {
        gate.passed(arrival);
    }

    @Benchmark
    public Object decide() {
        return gate.decide(attempt, OptionEffects.DRY_RUN);
    }
}
