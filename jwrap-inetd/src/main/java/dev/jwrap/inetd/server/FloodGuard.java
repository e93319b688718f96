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

    private static final long SECOND = 1_000_000_000L;

    private final String service;
    private final Syslog log;
    private final LongSupplier clock;
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    private int active;
    private long secondStart;
    private int inSecond;
    private long pausedUntil;
    private boolean paused;
    private final Map<String, Long> lastLogged = new HashMap<>();

    FloodGuard(String service, Syslog log, LongSupplier nanoClock) {
        this.service = service;
        this.log = log;
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
            if (paused && now - pausedUntil < 0) {
                refusedBy.accept("cps");
                return Optional.empty();
            }
            paused = false;
            if (now - secondStart >= SECOND) {
                secondStart = now;
                inSecond = 0;
            }
            if (++inSecond > limits.connectionsPerSecond().getAsInt()) {
                paused = true;
                pausedUntil = now + limits.pauseSeconds() * SECOND;
                report("cps", now, "more than " + limits.connectionsPerSecond().getAsInt()
                        + " connections per second, service paused for " + limits.pauseSeconds() + " s");
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
        Long last = lastLogged.get(kind);
        if (last == null || now - last >= SECOND) {
            lastLogged.put(kind, now);
            log.warning(service + ": " + message);
        }
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
