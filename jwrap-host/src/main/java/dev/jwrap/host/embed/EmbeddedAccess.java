package dev.jwrap.host.embed;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.ConnectionObserver;
import dev.jwrap.host.access.ServerMetrics;
import dev.jwrap.host.log.Syslog;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * TCP Wrappers for one service of an embedding server: the policy, the daemon name the rules are
 * written for (e.g. {@code sshd}), the name and ident services, where the verdicts are logged and
 * counted, and how long a check may take. Decisions go through the same
 * {@link ConnectionGate} as jwrap inetd's, so a refusal is logged (tcpd's
 * {@code refused connect from C (A)}, under the daemon's ident) and counted exactly as there.
 * Checks run off the caller's thread (virtual threads by default), so a stalled DNS or ident
 * server delays only the connection it concerns; a check that has not finished after
 * {@link Builder#checkTimeout} refuses the connection (fail closed) with a log line, counted as
 * limit {@code check_timeout}.
 *
 * <p>Thread-safe: build one per service and share it between all connections.
 */
public final class EmbeddedAccess {

    /** The default bound on one check: above libwrap's 10 s ident timeout, so ident can finish. */
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(15);

    private final AccessCheck check;
    private final String daemon;
    private final Syslog log;
    private final Duration checkTimeout;
    private final Executor executor;

    private EmbeddedAccess(Builder b) {
        this.daemon = b.daemon;
        this.log = b.log;
        this.checkTimeout = b.checkTimeout;
        this.executor = b.executor;
        ConnectionGate gate = ConnectionGate.builder(b.serverKind, b.policy, b.services)
                .log(b.log)
                .observer(b.observer)
                .metrics(b.metrics)
                .build();
        this.check = new AccessCheck(gate, b.service == null ? b.daemon : b.service, b.daemon, b.log);
    }

    /**
     * A builder for the service {@code daemon} deciding with {@code policy} (called once per
     * connection, so a reloading server can hand out its latest good policy) and logging to {@code log}.
     */
    public static Builder builder(String daemon, Supplier<AccessPolicy> policy, Syslog log) {
        return new Builder(daemon, policy, log);
    }

    /** The daemon name the rules are matched against. */
    public String daemon() {
        return daemon;
    }

    /** Where verdicts and problems are logged. */
    public Syslog log() {
        return log;
    }

    /**
     * Checks a connection now, on the calling thread, logging the verdict like tcpd. Name and ident
     * lookups are bounded only by the lookup services' own timeouts; prefer {@link #checkAsync}.
     */
    public Admission check(InetSocketAddress client, InetSocketAddress server) {
        return check.admit(client, server);
    }

    /**
     * Checks a connection on the executor. The future always completes normally, within the check
     * timeout: with the admission, or with a refusal when the check timed out or failed (logged).
     */
    public CompletableFuture<Admission> checkAsync(InetSocketAddress client, InetSocketAddress server) {
        CompletableFuture<Admission> check;
        try {
            check = CompletableFuture.supplyAsync(() -> this.check.admit(client, server), executor);
        } catch (RejectedExecutionException e) {
            check = CompletableFuture.failedFuture(e); // an executor that is full or shut down refuses
        }
        return check.orTimeout(checkTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(failure -> refuseAfter(failure, client, server));
    }

    /**
     * Reports a connection the server drops before any check could be made (e.g. a bad PROXY
     * header): {@code message} is logged at warning, and the connection counted as stopped by
     * the limit {@code limit}, as the gate counts its other limits.
     */
    public void dropped(InetSocketAddress client, InetSocketAddress server, String limit, String message) {
        log.warning(message);
        check.dropped(client, server, limit);
    }

    private Admission refuseAfter(Throwable failure, InetSocketAddress client, InetSocketAddress server) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        String address = HostEndpoint.ofSocket(client).address();
        String refused = "refused connect from " + address + " (" + address + "): access check for " + daemon;
        boolean late = cause instanceof TimeoutException;
        // a refusal line, so under the daemon's ident like the gate's own refusals
        log.withIdent(daemon).warning(late ? refused + " took longer than " + checkTimeout.toMillis() + " ms"
                : refused + " failed: " + cause);
        check.dropped(client, server, late ? "check_timeout" : "check_failed");
        return Admission.failed();
    }

    /** Builds an {@link EmbeddedAccess}. */
    public static final class Builder {
        private final String daemon;
        private final Supplier<AccessPolicy> policy;
        private final Syslog log;
        private LookupServices services = LookupServices.OFFLINE;
        private String serverKind = "embedded";
        private String service;
        private ConnectionObserver observer = ConnectionObserver.none();
        private ServerMetrics metrics = ServerMetrics.NONE;
        private Duration checkTimeout = DEFAULT_CHECK_TIMEOUT;
        private Executor executor = task -> Thread.ofVirtual().name("jwrap-access-check").start(task);

        private Builder(String daemon, Supplier<AccessPolicy> policy, Syslog log) {
            this.daemon = Objects.requireNonNull(daemon, "daemon");
            this.policy = Objects.requireNonNull(policy, "policy");
            this.log = Objects.requireNonNull(log, "log");
            if (daemon.isBlank()) {
                throw new IllegalArgumentException("daemon must name the service the rules are written for, e.g. \"sshd\"");
            }
        }

        /**
         * Name service, ident client and user database the checks may consult. Default
         * {@link LookupServices#OFFLINE}: host-name patterns never match and users are unknown.
         */
        public Builder services(LookupServices services) {
            this.services = Objects.requireNonNull(services, "services");
            return this;
        }

        /** The kind of server in connection events, e.g. {@code netty} (default {@code embedded}). */
        public Builder serverKind(String kind) {
            this.serverKind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** The service name in events and metrics (default: the daemon name). */
        public Builder service(String name) {
            this.service = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Who receives one {@link dev.jwrap.host.access.ConnectionEvent} per connection (default: nobody). */
        public Builder observer(ConnectionObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** Where connections are counted, as jwrap inetd counts them (default: nowhere). */
        public Builder metrics(ServerMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** The longest a check may take before the connection is refused (default 15 s). */
        public Builder checkTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("checkTimeout must be positive, got " + timeout);
            }
            this.checkTimeout = timeout;
            return this;
        }

        /** Where checks run (default: a new virtual thread each). Must not be a Netty event loop. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public EmbeddedAccess build() {
            return new EmbeddedAccess(this);
        }
    }
}
