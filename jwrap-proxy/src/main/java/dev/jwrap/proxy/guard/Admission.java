package dev.jwrap.proxy.guard;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-source limits, checked at accept before any other work so a flood from one address costs
 * little and cannot take the slots of others: concurrent connections per client address, new
 * connections per address per minute (a token bucket), and a total. Thread-safe.
 */
final class Admission {

    /** Why a connection was turned away, or {@link #ADMITTED}. */
    enum Outcome {
        ADMITTED,
        TOO_MANY_FROM_SOURCE,
        TOO_FAST_FROM_SOURCE,
        TOO_MANY_IN_TOTAL
    }

    private static final long MINUTE_NANOS = 60_000_000_000L;
    /** A refused source is named in the log at most this often, so a flood cannot flood syslog too. */
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final ConcurrentHashMap<InetAddress, Source> sources = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private volatile Limits limits;

    Admission(Limits limits) {
        this.limits = limits;
    }

    void limits(Limits newLimits) {
        limits = newLimits;
    }

    /** Takes a slot for a connection from {@code address}; on {@link Outcome#ADMITTED} call {@link #release} later. */
    Outcome admit(InetAddress address, long nowNanos) {
        Limits current = limits;
        if (current.maxConnections() > 0 && total.incrementAndGet() > current.maxConnections()) {
            total.decrementAndGet();
            return Outcome.TOO_MANY_IN_TOTAL;
        }
        if (current.maxConnections() <= 0) {
            total.incrementAndGet();
        }
        Outcome[] outcome = new Outcome[1];
        // take inside compute: the sweeper removes a source under the same per-key lock, and only
        // when it has no connection, so a source with open connections is never lost
        sources.compute(address, (a, source) -> {
            Source s = source == null ? new Source() : source;
            outcome[0] = s.take(current, nowNanos);
            return s;
        });
        if (outcome[0] != Outcome.ADMITTED) {
            total.decrementAndGet();
        }
        return outcome[0];
    }

    /** Gives back the slot of a connection from {@code address}. */
    void release(InetAddress address) {
        total.decrementAndGet();
        sources.computeIfPresent(address, (a, source) -> {
            source.give();
            return source;
        });
    }

    /** Whether a refusal of {@code address} should be logged now (at most once per 10 s per source). */
    boolean shouldLog(InetAddress address, long nowNanos) {
        Source source = sources.get(address);
        return source == null || source.shouldLog(nowNanos);
    }

    /** Forgets sources with no connection and a full bucket; called now and then by the sweeper. */
    void forgetIdle(long nowNanos) {
        Limits current = limits;
        for (InetAddress address : sources.keySet()) {
            sources.computeIfPresent(address, (a, source) -> source.forgettable(current, nowNanos) ? null : source);
        }
    }

    int active() {
        return total.get();
    }

    /** One client address: its open connections and its rate bucket. Guarded by its own lock. */
    private static final class Source {
        private int active;
        private double tokens = -1;
        private long refilled;
        private long lastLogged = Long.MIN_VALUE;

        synchronized Outcome take(Limits limits, long now) {
            if (limits.perSource() > 0 && active >= limits.perSource()) {
                return Outcome.TOO_MANY_FROM_SOURCE;
            }
            int perMinute = limits.perSourcePerMinute();
            if (perMinute > 0) {
                refill(perMinute, now);
                if (tokens < 1) {
                    return Outcome.TOO_FAST_FROM_SOURCE;
                }
                tokens -= 1;
            }
            active++;
            return Outcome.ADMITTED;
        }

        private void refill(int perMinute, long now) {
            if (tokens < 0) {
                tokens = perMinute;
                refilled = now;
            } else if (now - refilled > 0) {
                // only forward: another loop's reading may be a little older than the last refill
                tokens = Math.min(perMinute, tokens + (double) (now - refilled) * perMinute / MINUTE_NANOS);
                refilled = now;
            }
        }

        synchronized void give() {
            active--;
        }

        synchronized boolean shouldLog(long now) {
            if (lastLogged != Long.MIN_VALUE && now - lastLogged < LOG_INTERVAL_NANOS) {
                return false;
            }
            lastLogged = now;
            return true;
        }

        synchronized boolean forgettable(Limits limits, long now) {
            if (active > 0) {
                return false;
            }
            return limits.perSourcePerMinute() == 0 || tokens < 0 || now - refilled >= MINUTE_NANOS;
        }
    }
}
