package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Writes one short reply and closes, as daytime and time do; the reply fits in the send buffer. */
final class OneShot {

    private OneShot() {}

    static void send(SocketChannel connection, ByteBuffer reply) {
        try (connection) {
            while (reply.hasRemaining()) {
                connection.write(reply);
            }
        } catch (IOException ignored) {
            // the client left before the reply; nothing to do
        }
    }
}
