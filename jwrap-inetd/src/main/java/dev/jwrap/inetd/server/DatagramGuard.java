package dev.jwrap.inetd.server;

import dev.jwrap.host.log.Syslog;
import dev.jwrap.inetd.config.ServiceLimits;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * jwrap's flood limits for a datagram service, from the same {@code #jwrap:} comment as stream
 * services. A datagram has no connection that stays open, so {@code per_source=N} limits the
 * requests from one source address to N per second, and {@code cps=N:S} pauses the service for S
 * seconds after more than N requests in one second (for programs: N starts per second).
 * {@code per_source} is checked first and what it drops does not count towards {@code cps}: a
 * storm from one source is cut down to its share and cannot pause the service for the others.
 * Datagrams over a limit are dropped unanswered; one warning per kind and second.
 *
 * <p>The per-source counts start afresh every second; at most {@link #MAX_SOURCES} sources are
 * counted per second, and datagrams from further new sources are dropped in that second (a flood
 * with forged sources cannot make the table grow without bound). Thread-safe.
 */
final class DatagramGuard {

    /** How many distinct sources one second can track. */
    static final int MAX_SOURCES = 65_536;

    private final RefusalLog refusals;
    private final LongSupplier clock;
    private final PausingRate rate = new PausingRate();
    private final Map<InetAddress, Integer> fromSource = new HashMap<>();
    private long secondStart;

    DatagramGuard(String service, Syslog log, LongSupplier nanoClock) {
        this.refusals = new RefusalLog(service, log);
        this.clock = nanoClock;
        this.secondStart = nanoClock.getAsLong();
    }

    /** Whether a datagram from {@code source} may be answered (or may start the program). */
    boolean admit(ServiceLimits limits, InetAddress source) {
        return admit(limits, source, limit -> {});
    }

    /**
     * As {@link #admit(ServiceLimits, InetAddress)}; a dropped datagram tells {@code refusedBy}
     * which limit dropped it ({@code per_source} or {@code cps}), for the metrics.
     */
    synchronized boolean admit(ServiceLimits limits, InetAddress source, Consumer<String> refusedBy) {
        if (limits.perSource().isEmpty() && limits.connectionsPerSecond().isEmpty()) {
            return true;
        }
        long now = clock.getAsLong();
        if (limits.perSource().isPresent() && !admitSource(now, limits.perSource().getAsInt(), source)) {
            refusedBy.accept("per_source");
            return false;
        }
        if (limits.connectionsPerSecond().isPresent()) {
            PausingRate.Outcome outcome =
                    rate.admit(now, limits.connectionsPerSecond().getAsInt(), limits.pauseSeconds());
            if (outcome == PausingRate.Outcome.TRIPPED) {
                refusals.report("cps", now, "more than " + limits.connectionsPerSecond().getAsInt()
                        + " datagrams per second, service paused for " + limits.pauseSeconds() + " s");
            }
            if (outcome != PausingRate.Outcome.PROCEED) {
                refusedBy.accept("cps");
                return false;
            }
        }
        return true;
    }

    private boolean admitSource(long now, int perSecond, InetAddress source) {
        if (now - secondStart >= PausingRate.SECOND) {
            secondStart = now;
            fromSource.clear();
        }
        Integer seen = fromSource.get(source);
        if (seen == null && fromSource.size() >= MAX_SOURCES) {
            refusals.report("sources", now, "more than " + MAX_SOURCES + " sources in one second; dropping new ones");
            return false;
        }
        int count = seen == null ? 1 : seen + 1;
        fromSource.put(source, count);
        if (count > perSecond) {
            refusals.report("per_source", now, "per_source limit (" + perSecond + " datagrams per second) reached for "
                    + source.getHostAddress());
            return false;
        }
        return true;
    }
}
