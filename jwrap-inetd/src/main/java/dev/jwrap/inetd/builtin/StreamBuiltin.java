package dev.jwrap.inetd.builtin;

import java.nio.channels.SocketChannel;

/**
 * A built-in service on one accepted TCP connection. The caller runs {@link #serve} on a thread of
 * its own (a virtual thread per connection); the method returns when the conversation is over and
 * has closed the connection by then, or handed it on (TCPMUX). It never throws: I/O errors (a
 * client that went away, an idle timeout) simply end the conversation. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface StreamBuiltin {

    /** Serves {@code connection} (blocking mode) to the end, then closes it. */
    void serve(SocketChannel connection);
}
