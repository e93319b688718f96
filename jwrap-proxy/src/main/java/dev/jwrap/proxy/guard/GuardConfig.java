package dev.jwrap.proxy.guard;

import dev.jwrap.core.TableFile;
import java.util.List;
import java.util.Objects;

/**
 * Everything a guard runs with: its routes, the tables, and the limits. Immutable; a reload
 * builds a new one.
 */
public record GuardConfig(List<Route> routes, TableFile allow, TableFile deny, Limits limits) {

    public GuardConfig {
        routes = List.copyOf(routes);
        Objects.requireNonNull(allow, "allow");
        Objects.requireNonNull(deny, "deny");
        Objects.requireNonNull(limits, "limits");
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no service to guard: give --listen/--to/--daemon or a config file");
        }
        long distinct = routes.stream().map(Route::listen).distinct().count();
        if (distinct != routes.size()) {
            throw new IllegalArgumentException("two services listen on the same address");
        }
    }
}
