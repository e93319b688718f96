package dev.jwrap.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/** TCP_NODELAY set on a listening socket reaches the sockets it accepts (what spares the guard a setsockopt per connection). */
class ListenerNoDelayIT {

    @Test
    void acceptedSocketsInheritTheListenersNoDelay() throws Exception {
        assertThat(acceptedNoDelay(true)).isTrue();
    }

    /** The control: without it an accepted socket has Nagle on, so the test above sees the listener's option. */
    @Test
    void withoutItAcceptedSocketsHaveNagle() throws Exception {
        assertThat(acceptedNoDelay(false)).isFalse();
    }

    private static boolean acceptedNoDelay(boolean setOnListener) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            if (setOnListener) {
                assertThat(ListenerNoDelay.set(server)).as("libjwrap.so loaded and sun.nio.ch opened").isTrue();
            }
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                    SocketChannel accepted = server.accept()) {
                return accepted.getOption(StandardSocketOptions.TCP_NODELAY);
            }
        }
    }
}
