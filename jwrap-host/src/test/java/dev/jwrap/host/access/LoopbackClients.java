package dev.jwrap.host.access;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Test clients of a server on 127.0.0.1 that connect from a chosen loopback address (127.0.0.3,
 * 127.0.0.4, ...), so that a test can tell its own connections from the stray ones this machine
 * makes to every loopback listener, and give them different verdicts. Public for the tests of
 * other modules (test-jar).
 */
public final class LoopbackClients {

    /** Where the servers under test listen. */
    public static final InetAddress SERVER = InetAddress.ofLiteral("127.0.0.1");

    /** How long a client waits for an answer before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LoopbackClients() {}

    /** A blocking connection from {@code from} to 127.0.0.1:{@code port}. */
    public static SocketChannel connect(InetAddress from, int port) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(from, 0));
            channel.connect(new InetSocketAddress(SERVER, port));
            channel.socket().setSoTimeout((int) TIMEOUT.toMillis());
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Sends {@code text}, half-closes and reads to EOF. A refused client should send nothing:
     * unread data would turn the server's close into a reset.
     */
    public static String exchange(InetAddress from, int port, String text) throws IOException {
        try (SocketChannel channel = connect(from, port)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            channel.shutdownOutput();
            return new String(channel.socket().getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** A port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() throws IOException {
        return dev.jwrap.host.access.TestPorts.freePort();
    }
}
