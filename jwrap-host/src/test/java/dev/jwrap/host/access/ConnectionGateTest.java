package dev.jwrap.host.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.host.access.ConnectionEvent.Outcome;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionGateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress OTHER_CLIENT = new InetSocketAddress("127.0.0.2", 40001);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 6000);

    @TempDir
    Path dir;

    private final IdentRecorder log = new IdentRecorder("inetd", new ArrayList<>());
    private final List<ConnectionEvent> events = new ArrayList<>();
    private final CountingMetrics metrics = new CountingMetrics();
    private AccessPolicy policy;

    @BeforeEach
    void tables() throws IOException {
        Files.writeString(dir.resolve("allow"), """
                probe: 127.0.0.1
                twisted: ALL: twist /bin/echo hi
                quiet: ALL: severity local3.notice
                """);
        Files.writeString(dir.resolve("deny"), "ALL: ALL\n");
        policy = AccessPolicy.load(dir.resolve("allow"), dir.resolve("deny"));
        assertThat(policy.diagnostics()).isEmpty();
    }

    private ConnectionGate gate(boolean verdictLines) {
        return ConnectionGate.builder("tcpd", () -> policy, LookupServices.OFFLINE).log(log).observer(events::add)
                .metrics(metrics).verdictLines(verdictLines).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static AccessAttempt attempt(InetSocketAddress client, String daemon, LogStyle style) {
        return new Arrival("probe/tcp", Transport.TCP, client, LOCAL).checkedAs(daemon, style);
    }

    @Test
    void tcpdStyleLogsUnderTheDaemonsIdentAtTheTcpdLevels() {
        ConnectionGate gate = gate(true);

        gate.decide(attempt(CLIENT, "probe", LogStyle.tcpd()), OptionEffects.DRY_RUN);
        gate.decide(attempt(OTHER_CLIENT, "probe", LogStyle.tcpd()), OptionEffects.DRY_RUN);

        assertThat(log.lines()).containsExactly(
                "probe <30> connect from 127.0.0.1 (127.0.0.1)",
                "probe <28> refused connect from 127.0.0.2 (127.0.0.2)");
    }

    @Test
    void anIpv6ClientIsWrittenAsLibwrapWritesIt() throws IOException {
        Files.writeString(dir.resolve("allow"), "probe: [::1]\n");
        policy = AccessPolicy.load(dir.resolve("allow"), dir.resolve("deny"));
        InetSocketAddress client = new InetSocketAddress("::1", 40000);

        gate(true).decide(new Arrival("probe/tcp6", Transport.TCP, client, new InetSocketAddress("::1", 6000))
                .checkedAs("probe", LogStyle.tcpd()), OptionEffects.DRY_RUN);
        gate(true).passed(new Arrival("echo/tcp6", Transport.TCP, client, new InetSocketAddress("::1", 7)));

        assertThat(log.lines()).containsExactly("probe <30> connect from ::1 (::1)");
        assertThat(events).extracting(ConnectionEvent::clientInfo).containsExactly("::1", "::1");
        assertThat(events.getFirst().clientAddress()).isEqualTo("::1");
    }

    @Test
    void inetdStyleLogsUnderTheServersIdentWithServiceAndProtocol() {
        ConnectionGate gate = gate(true);

        gate.decide(attempt(CLIENT, "probe", new LogStyle.Inetd("myspawn", "tcp6")), OptionEffects.DRY_RUN);
        gate.decide(attempt(OTHER_CLIENT, "probe", new LogStyle.Inetd("6000", "tcp")), OptionEffects.DRY_RUN);

        assertThat(log.lines()).containsExactly(
                "inetd <30> connection from 127.0.0.1, service myspawn (tcp6)",
                "inetd <28> refused connection from 127.0.0.2, service 6000 (tcp)");
    }

    @Test
    void eachVerdictIsOneEventWithTheDecidingRuleAndOneCount() {
        ConnectionGate gate = gate(true);

        gate.decide(attempt(CLIENT, "probe", LogStyle.tcpd()), OptionEffects.DRY_RUN);
        gate.decide(attempt(OTHER_CLIENT, "probe", LogStyle.tcpd()), OptionEffects.DRY_RUN);
        gate.decide(attempt(CLIENT, "twisted", LogStyle.tcpd()), OptionEffects.DRY_RUN);

        assertThat(events).extracting(ConnectionEvent::outcome)
                .containsExactly(Outcome.ALLOWED, Outcome.DENIED, Outcome.TWISTED);
        ConnectionEvent allowed = events.getFirst();
        assertThat(allowed).isEqualTo(new ConnectionEvent(NOW, "tcpd", "probe/tcp", Optional.of("probe"),
                Transport.TCP, CLIENT, LOCAL, "127.0.0.1", Outcome.ALLOWED,
                Optional.of(dir.resolve("allow") + ":1"), SyslogPriority.DEFAULT_ALLOW, ""));
        assertThat(events.get(1).rule()).contains(dir.resolve("deny") + ":1");
        assertThat(events.get(2).detail()).isEqualTo("/bin/echo hi");
        assertThat(log.lines().getLast()).isEqualTo("twisted <28> twist 127.0.0.1 to /bin/echo hi");
        assertThat(metrics.calls).containsExactly("decided probe/tcp ALLOWED", "decided probe/tcp DENIED",
                "decided probe/tcp TWISTED");
    }

    @Test
    void aSeverityOptionMovesTheLineAndTheEventsPriority() {
        gate(true).decide(attempt(CLIENT, "quiet", LogStyle.tcpd()), OptionEffects.DRY_RUN);

        assertThat(log.lines()).containsExactly("quiet <157> connect from 127.0.0.1 (127.0.0.1)");
        assertThat(events.getFirst().priority().code(SyslogPriority.LOG_DAEMON)).isEqualTo(157);
    }

    @Test
    void withoutVerdictLinesOnlyTheEventTellsTheVerdict() {
        gate(false).decide(attempt(OTHER_CLIENT, "probe", LogStyle.tcpd()), OptionEffects.DRY_RUN);

        assertThat(log.lines()).isEmpty();
        assertThat(events).extracting(ConnectionEvent::outcome).containsExactly(Outcome.DENIED);
    }

    @Test
    void connectionsOutsideTheCheckAreReportedAndCounted() {
        ConnectionGate gate = gate(true);
        Arrival arrival = new Arrival("echo/tcp", Transport.TCP, CLIENT, LOCAL);

        gate.passed(arrival);
        gate.limited(arrival, "per_source");
        gate.failed(arrival, "cannot start /nope");

        assertThat(log.lines()).isEmpty();
        assertThat(events).extracting(ConnectionEvent::outcome)
                .containsExactly(Outcome.ALLOWED, Outcome.LIMITED, Outcome.FAILED);
        assertThat(events).allSatisfy(e -> assertThat(e.daemon()).isEmpty());
        assertThat(events.get(1).detail()).isEqualTo("per_source");
        assertThat(metrics.calls).containsExactly("decided echo/tcp ALLOWED", "limited echo/tcp per_source",
                "decided echo/tcp LIMITED", "spawnFailed echo/tcp", "decided echo/tcp FAILED");
    }

    /** A syslog that keeps {@code ident <code> message} for each line, following {@link Syslog#withIdent}. */
    private record IdentRecorder(String ident, List<String> sink) implements Syslog {
        @Override
        public void log(SyslogPriority priority, String message) {
            sink.add(ident + " <" + priority.code(SyslogPriority.LOG_DAEMON) + "> " + message);
        }

        @Override
        public Syslog withIdent(String newIdent) {
            return new IdentRecorder(newIdent, sink);
        }

        List<String> lines() {
            return sink;
        }
    }

    private static final class CountingMetrics implements ServerMetrics {
        final List<String> calls = new ArrayList<>();

        @Override
        public void decided(String service, Outcome outcome) {
            calls.add("decided " + service + " " + outcome);
        }

        @Override
        public void spawnFailed(String service) {
            calls.add("spawnFailed " + service);
        }

        @Override
        public void limited(String service, String limit) {
            calls.add("limited " + service + " " + limit);
        }
    }
}
