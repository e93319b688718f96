package dev.jwrap.cli.events;

import dev.jwrap.host.access.ConnectionEvent;
import dev.jwrap.host.access.ConnectionEvent.Outcome;
import dev.jwrap.host.access.ConnectionObserver;
import dev.jwrap.host.log.Syslog;
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
 *   <li>{@code held_back}, limited events only: a flood is logged as at most one event a second
 *       per service and limit; this many limited connections since the previous one were not logged
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
    private final LimitedThrottle throttle = new LimitedThrottle();

    /** Logs each event to {@code log} (syslog, plus stderr in debug mode). */
    public JsonConnectionLog(Syslog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void observe(ConnectionEvent event) {
        if (event.outcome() != Outcome.LIMITED) {
            log.log(event.priority(), render(event, 0));
            return;
        }
        long heldBack = throttle.admit(event.service() + " " + event.detail(), event.time());
        if (heldBack >= 0) {
            log.log(event.priority(), render(event, heldBack));
        }
    }

    /** The one-line JSON text of {@code event}. */
    public static String render(ConnectionEvent event) {
        return render(event, 0);
    }

    private static String render(ConnectionEvent event, long heldBack) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("schema", SCHEMA);
        fields.put("time", event.time().toString());
        fields.put("server", event.server());
        fields.put("service", event.service());
        fields.put("daemon", event.daemon().orElse(null));
        fields.put("transport", event.transport().label());
        fields.put("client_address", event.clientAddress());
        fields.put("client_port", event.client().getPort());
        fields.put("local_address", event.localAddress());
        fields.put("local_port", event.local().getPort());
        fields.put("client_info", event.clientInfo());
        fields.put("outcome", event.outcome().label());
        fields.put("rule", event.rule().orElse(null));
        fields.put("severity", event.priority().levelName());
        fields.put("detail", event.detail());
        if (event.outcome() == Outcome.LIMITED) {
            fields.put("held_back", heldBack);
        }
        return JSON.writeValueAsString(fields);
    }
}
