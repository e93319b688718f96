package dev.jwrap.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bytes held with MSG_MORE leave with the FIN that follows: the peer reads all of them, then its end of stream. */
class LastWriteIT {

    @Test
    void sendsThroughTheDescriptorInThisBuild() {
        assertThat(LastWrite.available()).as("sun.nio.ch opened and native access enabled, as the jar's manifest does").isTrue();
    }

    @Test
    void heldBytesArriveBeforeTheEndOfStream() throws Exception {
        assertThat(relayed(ByteBuffer.allocateDirect(64))).isEqualTo("the last bytes");
    }

    /** A heap buffer (a PROXY header) takes the channel's own write. */
    @Test
    void heapBufferTakesThePlainWrite() throws Exception {
        assertThat(relayed(ByteBuffer.allocate(64))).isEqualTo("the last bytes");
    }

    private static String relayed(ByteBuffer buffer) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Socket peer = new Socket()) {
                peer.connect(server.getLocalAddress());
                peer.setSoTimeout(5000);
                try (SocketChannel sender = server.accept()) {
                    sender.configureBlocking(false);
                    buffer.put("the last bytes".getBytes(StandardCharsets.US_ASCII)).flip();
                    LastWrite.write(sender, buffer);
                    assertThat(buffer.hasRemaining()).isFalse();
                    sender.shutdownOutput();
                    InputStream in = peer.getInputStream();
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    in.transferTo(got); // to the end of stream; a lost FIN would time out
                    return got.toString(StandardCharsets.US_ASCII);
                }
            }
        }
    }
}
