package dev.jwrap.audit.inventory;

import java.util.List;

/**
 * The listening sockets of a host and what could not be learnt about them. Immutable.
 *
 * @param listeners every listener, sorted by transport, family, address and port
 * @param limitations one sentence per thing the reader could not see (permissions, unreadable
 *     files), for the report's header
 * @param warnings lines of the socket files that were skipped, as {@code file:line: reason}
 */
public record Inventory(List<Listener> listeners, List<String> limitations, List<String> warnings) {

    public Inventory {
        listeners = List.copyOf(listeners);
        limitations = List.copyOf(limitations);
        warnings = List.copyOf(warnings);
    }
}
