package dev.jwrap.host.access;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.RuleRef;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.Verdict;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.match.ExpansionTooLongException;
import dev.jwrap.host.access.ConnectionEvent.Outcome;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import dev.jwrap.host.log.Syslog;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A server's access point: checks a connection against the tables in force, writes the verdict's
 * log line as tcpd or inetd -l writes it, and reports one {@link ConnectionEvent} to the observer
 * and the metrics. Servers also report here what happens to connections outside the check
 * (unchecked, limited, failed), so every connection is counted the same way in every server.
 * Thread-safe.
 */
public final class ConnectionGate {

    private final String serverKind;
    private final Supplier<AccessPolicy> policy;
    private final LookupServices lookups;
    private final Syslog log;
    private final ConnectionObserver observer;
    private final ServerMetrics metrics;
    private final boolean verdictLines;
    private final Clock clock;

    private ConnectionGate(Builder builder) {
        this.serverKind = builder.serverKind;
        this.policy = builder.policy;
        this.lookups = builder.lookups;
        this.log = builder.log;
        this.observer = builder.observer;
        this.metrics = builder.metrics;
        this.verdictLines = builder.verdictLines;
        this.clock = builder.clock;
    }

    /**
     * A gate for a server of kind {@code serverKind} ({@code inetd}, {@code tcpd}, {@code guard},
     * {@code netty}) that decides with the policy {@code policy} returns at each check (so a
     * reload takes effect at the next connection), consulting {@code lookups} for names, users
     * and ident.
     */
    public static Builder builder(String serverKind, Supplier<AccessPolicy> policy, LookupServices lookups) {
        return new Builder(serverKind, policy, lookups);
    }

    /** The metrics this gate counts in, for the server's own counters (active connections, reloads). */
    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Decides one connection or datagram, logs the verdict and reports it. The rule's options run
     * through {@code effects} during the check. A %-expansion overflow denies (tcpd would exit
     * without serving).
     */
    public Decision decide(AccessAttempt attempt, OptionEffects effects) {
        Arrival arrival = attempt.arrival();
        Syslog lines = attempt.style() instanceof LogStyle.Tcpd ? log.withIdent(attempt.daemon()) : log;
        AccessRequest request = AccessRequest.builder()
                .daemon(attempt.daemon())
                .client(arrival.client())
                .server(arrival.local())
                .datagram(arrival.transport() == Transport.UDP)
                .services(lookups)
                .diagnostics(d -> report(lines, d))
                .build();
        Decision decision;
        try {
            decision = policy.get().decide(request, effects);
        } catch (ExpansionTooLongException e) {
            lines.error(attempt.daemon() + ": " + e.getMessage());
            decision = new Decision(Verdict.DENIED, null, List.of(), SyslogPriority.DEFAULT_ALLOW,
                    SyslogPriority.DEFAULT_DENY, null, e.getMessage());
            report(attempt, request.clientInfo(), decision);
            return decision;
        }
        String clientInfo = request.clientInfo();
        if (verdictLines) {
            VerdictLine.of(attempt, clientInfo, request.client().address(), decision).writeTo(lines);
        }
        report(attempt, clientInfo, decision);
        return decision;
    }

    /**
     * A table or option problem, at libwrap's priority: warnings ({@code tcpd_warn}) and option
     * errors ({@code tcpd_jump}) both at err, told apart by their "warning:"/"error:" tag (seen
     * from Debian's tcpd: {@code <27>... warning: can't get client address}); verbose lines at info.
     */
    public static void report(Syslog log, Diagnostic d) {
        switch (d.severity()) {
            case ERROR, WARNING -> log.error(d.toSyslogText());
            case DEBUG -> log.info(d.toSyslogText());
        }
    }

    /** A connection of a service that is not checked was let in. */
    public void passed(Arrival arrival) {
        emit(arrival, Optional.empty(), Outcome.ALLOWED, Optional.empty(), SyslogPriority.DEFAULT_ALLOW, "");
    }

    /**
     * A connection was dropped by one of the server's limits (the server writes its own log line).
     *
     * @param limit which limit, e.g. {@code per_source}, {@code instances}, {@code cps}, {@code rate}
     */
    public void limited(Arrival arrival, String limit) {
        metrics.limited(arrival.service(), limit);
        emit(arrival, Optional.empty(), Outcome.LIMITED, Optional.empty(), SyslogPriority.DEFAULT_DENY, limit);
    }

    /**
     * A connection that was let in could not be served: its program did not start (the server
     * writes its own log line).
     */
    public void failed(Arrival arrival, String detail) {
        metrics.spawnFailed(arrival.service());
        emit(arrival, Optional.empty(), Outcome.FAILED, Optional.empty(), new SyslogPriority(-1, 3), detail);
    }

    private void report(AccessAttempt attempt, String clientInfo, Decision decision) {
        Outcome outcome = switch (decision.verdict()) {
            case GRANTED -> Outcome.ALLOWED;
            case DENIED -> Outcome.DENIED;
            case DELEGATED -> Outcome.TWISTED;
        };
        String detail = decision.verdict() == Verdict.DELEGATED ? decision.twistCommand()
                : Objects.requireNonNullElse(decision.error(), "");
        SyslogPriority priority = outcome == Outcome.ALLOWED ? decision.allowPriority() : decision.denyPriority();
        ConnectionEvent event = new ConnectionEvent(clock.instant(), serverKind, attempt.arrival().service(),
                Optional.of(attempt.daemon()), attempt.arrival().transport(), attempt.arrival().client(),
                attempt.arrival().local(), clientInfo, outcome, decision.deciding().map(RuleRef::toString),
                priority, detail);
        publish(event);
    }

    private void emit(Arrival arrival, Optional<String> daemon, Outcome outcome, Optional<String> rule,
            SyslogPriority priority, String detail) {
        publish(new ConnectionEvent(clock.instant(), serverKind, arrival.service(), daemon, arrival.transport(),
                arrival.client(), arrival.local(), ConnectionEvent.addressText(arrival.client()), outcome, rule,
                priority, detail));
    }

    private void publish(ConnectionEvent event) {
        metrics.decided(event.service(), event.outcome());
        observer.observe(event);
    }

    /** How a gate is set up; everything but the kind, the policy and the lookups has a default. */
    public static final class Builder {
        private final String serverKind;
        private final Supplier<AccessPolicy> policy;
        private final LookupServices lookups;
        private Syslog log = (priority, message) -> {};
        private ConnectionObserver observer = ConnectionObserver.none();
        private ServerMetrics metrics = ServerMetrics.NONE;
        private boolean verdictLines = true;
        private Clock clock = Clock.systemUTC();

        private Builder(String serverKind, Supplier<AccessPolicy> policy, LookupServices lookups) {
            this.serverKind = Objects.requireNonNull(serverKind, "serverKind");
            this.policy = Objects.requireNonNull(policy, "policy");
            this.lookups = Objects.requireNonNull(lookups, "lookups");
        }

        /** Where verdict lines and table warnings go, under the server's ident (default: nowhere). */
        public Builder log(Syslog value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** Who receives the connection events (default: nobody). */
        public Builder observer(ConnectionObserver value) {
            this.observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /** Where connections are counted (default: nowhere). */
        public Builder metrics(ServerMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /**
         * Whether the gate writes tcpd's or inetd's text line for each verdict (default true);
         * off when an observer logs the events in another format instead.
         */
        public Builder verdictLines(boolean value) {
            this.verdictLines = value;
            return this;
        }

        /** The clock of event times (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public ConnectionGate build() {
            return new ConnectionGate(this);
        }
    }
}
