package dev.jwrap.proxy.guard;

import java.util.function.Consumer;

/**
 * The open connections of one event loop, linked through the connections themselves: adding and
 * removing cost no allocation and no hashing, and the periodic sweep walks them in order of
 * arrival. Loop thread only.
 */
final class ConnectionList {

    private Connection first;

    void add(Connection c) {
        c.next = first;
        c.previous = null;
        if (first != null) {
            first.previous = c;
        }
        first = c;
    }

    void remove(Connection c) {
        if (c.previous != null) {
            c.previous.next = c.next;
        } else if (first == c) {
            first = c.next;
        } else {
            return; // not in the list (removed already)
        }
        if (c.next != null) {
            c.next.previous = c.previous;
        }
        c.next = null;
        c.previous = null;
    }

    /** Calls {@code action} on each connection; the action may remove the one it is given. */
    void forEach(Consumer<Connection> action) {
        Connection c = first;
        while (c != null) {
            Connection next = c.next;
            action.accept(c);
            c = next;
        }
    }

    void closeAll() {
        forEach(Connection::close);
    }
}
