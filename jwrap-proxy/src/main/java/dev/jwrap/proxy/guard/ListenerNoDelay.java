package dev.jwrap.proxy.guard;

import dev.jwrap.core.sys.NativeLibc;
import dev.jwrap.host.process.ChannelDescriptors;
import java.nio.channels.ServerSocketChannel;

/**
 * TCP_NODELAY on a listening socket. Linux builds each accepted socket as a copy of its listener,
 * TCP_NODELAY included, so setting it once here spares a {@code setsockopt} per relayed
 * connection (measured in docs/PERFORMANCE.md §10). The JDK does not offer the option on a
 * {@link ServerSocketChannel}, so it is set on the descriptor (libjwrap.so, and {@code sun.nio.ch}
 * opened to read the descriptor, as the jar's manifest and the launchers do). Where either is
 * missing the answer is false, and each accepted socket gets the option itself.
 */
final class ListenerNoDelay {

    private static final int IPPROTO_TCP = 6;
    private static final int TCP_NODELAY = 1;

    private ListenerNoDelay() {}

    /** Sets TCP_NODELAY on {@code server}; true when its accepted sockets will have it. */
    static boolean set(ServerSocketChannel server) {
        if (!NativeLibc.available()) {
            return false;
        }
        try {
            int fd = ChannelDescriptors.descriptorOf(server);
            return NativeLibc.setIntOption(fd, IPPROTO_TCP, TCP_NODELAY, 1) == 0;
        } catch (RuntimeException e) {
            // sun.nio.ch not opened, or not Linux: fall back to the option per connection
            return false;
        }
    }
}
