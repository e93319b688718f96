package dev.jwrap.inetd.server;

import dev.jwrap.core.Decision;
import dev.jwrap.inetd.builtin.TcpmuxTarget;
import dev.jwrap.inetd.config.Server;
import dev.jwrap.inetd.config.ServiceEntry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The services reached through the TCPMUX built-in (inetd.md §7): the {@code tcpmux/NAME} and
 * {@code tcpmux/+NAME} entries of the configuration in force, which get no socket of their own. A
 * request for one starts its program on the connection after the same checks a listener makes: the
 * entry's {@code nowait.max} and, when the entry is checked, the tables (daemon name: the TCPMUX
 * name); {@code +Go} is sent only to an admitted client. Replaced as a whole on each reload; rate-limit counters of names that stay are kept.
 * Thread-safe.
 */
final class TcpmuxDispatch implements Supplier<Map<String, TcpmuxTarget>> {

    private volatile Map<String, TcpmuxTarget> targets = Map.of();
    private final Map<String, RateLimiter> limiters = new HashMap<>();

    @Override
    public Map<String, TcpmuxTarget> get() {
        return targets;
    }

    /** Takes the TCPMUX entries of a new configuration; the first entry of a name wins. */
    synchronized void update(List<ServiceEntry> entries, Services services) {
        Map<String, TcpmuxTarget> next = new LinkedHashMap<>();
        Map<String, RateLimiter> keep = new HashMap<>();
        for (ServiceEntry entry : entries) {
            if (entry.tcpmux().isEmpty() || !(entry.server() instanceof Server.Program program)) {
                continue;
            }
            ServiceEntry.TcpmuxName name = entry.tcpmux().get();
            String key = name.name().toLowerCase(Locale.ROOT);
            if (next.containsKey(key)) {
                continue;
            }
            RateLimiter limiter = limiters.get(key);
            if (limiter == null) {
                limiter = new RateLimiter(entry.maxPerMinute(), services.nanoClock());
            } else {
                limiter.reset(entry.maxPerMinute());
            }
            keep.put(key, limiter);
            next.put(name.name(), new Target(entry, name.name(), program, name.plus(), limiter, services));
        }
        limiters.clear();
        limiters.putAll(keep);
        targets = Map.copyOf(next);
    }

    private record Target(ServiceEntry entry, String name, Server.Program program, boolean plus,
            RateLimiter limiter, Services services) implements TcpmuxTarget {

        @Override
        public void start(SocketChannel connection, Acknowledgement acknowledge) {
            try (connection) {
                RateLimiter.Outcome outcome = limiter.tryAcquire();
                if (outcome == RateLimiter.Outcome.TRIPPED) {
                    services.log().error(entry.displayName() + " server failing (looping), service terminated for 10 min");
                }
                if (outcome != RateLimiter.Outcome.PROCEED) {
                    return;
                }
                ConnectionEffects effects = new ConnectionEffects(connection, services.starter(), services.log());
                if (!admitted(connection, effects)) {
                    return;
                }
                acknowledge.send();
                // the child has its own copy of the socket; ours closes when this block ends
                services.starter().start(entry, Launch.of(program), connection, effects, status -> { });
            } catch (IOException | RuntimeException e) {
                services.log().warning(entry.displayName() + ": " + e.getMessage());
            }
        }

        /** The access check, when the entry has one; a {@code twist} runs here and counts as not admitted. */
        private boolean admitted(SocketChannel connection, ConnectionEffects effects) throws IOException {
            // daemon name: the TCPMUX name (spec §7), with the style the entry's own check would have
            Optional<AccessGate.Check> check = AccessGate.checkFor(entry, services.options())
                    .map(c -> new AccessGate.Check(name, c.style()));
            if (check.isEmpty()) {
                return true;
            }
            Decision decision = services.gate().decide(entry, check.get(),
                    (InetSocketAddress) connection.getRemoteAddress(), (InetSocketAddress) connection.getLocalAddress(),
                    effects);
            return switch (decision.verdict()) {
                case GRANTED -> true;
                case DENIED -> false;
                case DELEGATED -> {
                    services.starter().twist(decision.twistCommand(), connection, effects, status -> { });
                    yield false;
                }
            };
        }
    }
}
