package dev.jwrap.cli.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.SyslogPriority;
import dev.jwrap.host.access.ConnectionEvent;
import dev.jwrap.host.access.ConnectionEvent.Outcome;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonConnectionLogTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final InetSocketAddress CLIENT = new InetSocketAddress("::1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("::1", 2323);

    private final List<String> lines = new ArrayList<>();
    private final JsonConnectionLog log = new JsonConnectionLog(
            (priority, message) -> lines.add(priority.code(SyslogPriority.LOG_DAEMON) + " " + message));

    private static ConnectionEvent event(Instant time, Outcome outcome, Optional<String> rule, String detail) {
        return new ConnectionEvent(time, "inetd", "telnet/tcp6", Optional.of("in.telnetd"), Transport.TCP, CLIENT,
                LOCAL, "alice@::1", outcome, rule, SyslogPriority.DEFAULT_DENY, detail);
    }

    @Test
    void anEventIsOneLineWithEveryDocumentedField() {
        log.observe(event(T0, Outcome.DENIED, Optional.of("/etc/hosts.deny:3"), ""));

        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("28 {").doesNotContain("\n");
        JsonNode json = JsonMapper.builder().build().readTree(lines.getFirst().substring(3));
        assertThat(json.propertyNames()).containsExactly("schema", "time", "server", "service", "daemon",
                "transport", "client_address", "client_port", "local_address", "local_port", "client_info",
                "outcome", "rule", "severity", "detail");
        assertThat(json.get("schema").asInt()).isEqualTo(1);
        assertThat(json.get("time").asString()).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(json.get("client_address").asString()).isEqualTo("::1");
        assertThat(json.get("client_info").asString()).isEqualTo("alice@::1");
        assertThat(json.get("rule").asString()).isEqualTo("/etc/hosts.deny:3");
        assertThat(json.get("severity").asString()).isEqualTo("warning");
    }

    @Test
    void noRuleAndNoDaemonAreNull() {
        ConnectionEvent unchecked = new ConnectionEvent(T0, "inetd", "daytime/tcp", Optional.empty(), Transport.TCP,
                CLIENT, LOCAL, "::1", Outcome.ALLOWED, Optional.empty(), SyslogPriority.DEFAULT_ALLOW, "");

        JsonNode json = JsonMapper.builder().build().readTree(JsonConnectionLog.render(unchecked));

        assertThat(json.get("daemon").isNull()).isTrue();
        assertThat(json.get("rule").isNull()).isTrue();
    }

    @Test
    void aFloodOfLimitedConnectionsIsOneLineASecond_sayingHowManyWereHeldBack() {
        for (int i = 0; i < 5; i++) {
            log.observe(event(T0.plusMillis(100 * i), Outcome.LIMITED, Optional.empty(), "per_source"));
        }
        log.observe(event(T0.plusMillis(300), Outcome.LIMITED, Optional.empty(), "cps"));
        log.observe(event(T0.plusMillis(1000), Outcome.LIMITED, Optional.empty(), "per_source"));
        log.observe(event(T0.plusMillis(1100), Outcome.DENIED, Optional.empty(), ""));

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"detail\":\"per_source\",\"held_back\":0");
        assertThat(lines.get(1)).contains("\"detail\":\"cps\",\"held_back\":0");
        assertThat(lines.get(2)).contains("\"detail\":\"per_source\",\"held_back\":4");
        assertThat(lines.get(3)).contains("\"outcome\":\"denied\"").doesNotContain("held_back");
    }
}
