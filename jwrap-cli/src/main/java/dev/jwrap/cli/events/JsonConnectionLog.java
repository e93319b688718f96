package dev.jwrap.cli.events;

import dev.jwrap.host.access.ConnectionEvent;
import dev.jwrap.host.access.ConnectionObserver;
import dev.jwrap.host.log.Syslog;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --log-format json}: each connection event becomes one syslog message holding one JSON
 * object on one line, logged at the event's priority (so a rule's {@code severity} still routes it).
 * The fields are documented for users in the jwrap-inetd(1) man page; keep both in step.
 * The fields, schema 1:
 *
 * <ul>
 *   <li>{@code schema} (1), {@code time} (ISO-8601 UTC), {@code server} ({@code inetd}, {@code tcpd}, ...)
 *   <li>{@code service} ({@code name/proto} for inetd), {@code daemon} (the daemon name checked, or null
 *       when the service is not checked), {@code transport} ({@code tcp}/{@code udp})
 *   <li>{@code client_address}, {@code client_port}, {@code local_address}, {@code local_port},
 *       {@code client_info} (libwrap's {@code user@host} form)
 *   <li>{@code outcome}: {@code allowed}, {@code denied}, {@code twisted}, {@code limited}, {@code failed}
 *   <li>{@code rule} ({@code file:line} of the deciding rule, or null), {@code severity} (syslog level name),
 *       {@code detail} (twist command, limit, failure; "" when none)
 * </ul>
 *
 * A field may be added in a later version of schema 1; none is removed or changes meaning without a
 * new schema number. Thread-safe.
 */
public final class JsonConnectionLog implements ConnectionObserver {

    /** The version of the field list above. */
    public static final int SCHEMA = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Syslog log;

    /** Logs each event to {@code log} (syslog, plus stderr in debug mode). */
    public JsonConnectionLog(Syslog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void observe(ConnectionEvent event) {
        log.log(event.priority(), render(event));
    }

    /** The one-line JSON text of {@code event}. */
    public static String render(ConnectionEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("schema", SCHEMA);
        fields.put("time", event.time().toString());
        fields.put("server", event.server());
        fields.put("service", event.service());
        fields.put("daemon", event.daemon().orElse(null));
        fields.put("transport", event.transport().label());
        endpoint(fields, "client", event.client());
        endpoint(fields, "local", event.local());
        fields.put("client_info", event.clientInfo());
        fields.put("outcome", event.outcome().label());
        fields.put("rule", event.rule().orElse(null));
        fields.put("severity", event.priority().levelName());
        fields.put("detail", event.detail());
        return JSON.writeValueAsString(fields);
    }

    private static void endpoint(Map<String, Object> fields, String prefix, InetSocketAddress address) {
        fields.put(prefix + "_address", address.getAddress().getHostAddress());
        fields.put(prefix + "_port", address.getPort());
    }
}
