package dev.jwrap.inetd.server;

import dev.jwrap.inetd.config.ServiceLimits;
import dev.jwrap.host.log.Syslog;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * jwrap's per-service flood limits from a {@code #jwrap:} comment (xinetd's {@code per_source},
 * {@code instances} and {@code cps}): concurrent connections per source address, concurrent
 * connections of the service, and new connections per second before a pause. A refused
 * connection is closed at once; one log line per kind of refusal and second keeps a flood from
 * flooding syslog too. Thread-safe.
 */
final class FloodGuard {

    private final RefusalLog refusals;
    private final LongSupplier clock;
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    private final PausingRate rate = new PausingRate();
    private int active;

    FloodGuard(String service, Syslog log, LongSupplier nanoClock) {
        this.refusals = new RefusalLog(service, log);
        this.clock = nanoClock;
    }

    /**
     * A place for one connection from {@code source}, or empty when a limit refuses it; then
     * {@code refusedBy} is told which ({@code cps}, {@code instances} or {@code per_source}).
     */
    synchronized Optional<Ticket> admit(ServiceLimits limits, InetAddress source, Consumer<String> refusedBy) {
        if (limits.isUnlimited()) {
            return Optional.of(new Ticket(null));
        }
        long now = clock.getAsLong();
        if (limits.connectionsPerSecond().isPresent()) {
            PausingRate.Outcome outcome =
                    rate.admit(now, limits.connectionsPerSecond().getAsInt(), limits.pauseSeconds());
            if (outcome == PausingRate.Outcome.TRIPPED) {
                report("cps", now, "more than " + limits.connectionsPerSecond().getAsInt()
                        + " connections per second, service paused for " + limits.pauseSeconds() + " s");
            }
            if (outcome != PausingRate.Outcome.PROCEED) {
                refusedBy.accept("cps");
                return Optional.empty();
            }
        }
        if (limits.instances().isPresent() && active >= limits.instances().getAsInt()) {
            report("instances", now, "instances limit (" + limits.instances().getAsInt() + ") reached");
            refusedBy.accept("instances");
            return Optional.empty();
        }
        int fromSource = perSource.getOrDefault(source, 0);
        if (limits.perSource().isPresent() && fromSource >= limits.perSource().getAsInt()) {
            report("per_source", now, "per_source limit (" + limits.perSource().getAsInt() + ") reached for "
                    + source.getHostAddress());
            refusedBy.accept("per_source");
            return Optional.empty();
        }
        active++;
        perSource.put(source, fromSource + 1);
        return Optional.of(new Ticket(source));
    }

    private synchronized void release(InetAddress source) {
        active--;
        perSource.computeIfPresent(source, (address, count) -> count == 1 ? null : count - 1);
    }

    private void report(String kind, long now, String message) {
        refusals.report(kind, now, message);
    }

    /** One admitted connection; release it when the connection or its child has ended. Idempotent. */
    final class Ticket {
        private final InetAddress source;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(InetAddress source) {
            this.source = source;
        }

        void release() {
            if (source != null && released.compareAndSet(false, true)) {
                FloodGuard.this.release(source);
            }
        }
    }
}
