package dev.jwrap.core.resolve;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Client of the RFC 931 / RFC 1413 identification protocol, as libwrap uses it: ask the
 * client host's port 113 which user owns the connection. Thread-safe.
 */
public interface IdentClient {

    /** The user name libwrap reports when it learns nothing. */
    String UNKNOWN = "unknown";

    /**
     * Asks the ident server on the client's host.
     *
     * @param client the connection's remote endpoint
     * @param server the connection's local endpoint (the query is sent from its address)
     * @param timeout the longest the whole exchange may take
     * @return the user name (at most 127 characters), or {@link #UNKNOWN}
     */
    String lookup(InetSocketAddress client, InetSocketAddress server, Duration timeout);

    /** An ident client that never asks anyone, like tcpdmatch's stub. */
    IdentClient NONE = (client, server, timeout) -> UNKNOWN;
}
