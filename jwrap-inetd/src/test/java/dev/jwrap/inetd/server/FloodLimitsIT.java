package dev.jwrap.inetd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jwrap's {@code #jwrap:} limits on a live listener. */
class FloodLimitsIT {

    @TempDir
    Path dir;

    @Test
    void perSource_refusesASecondConcurrentConnection_fromTheSameAddress() throws IOException {
        String config = """
                #jwrap: per_source=1
                127.0.0.1:%CAT% stream tcp4 nowait %USER% /bin/cat cat
                """;
        try (SupervisorFixture f = new SupervisorFixture(dir).config(config)) {
            f.start(SupervisorOptions.defaults());
            try (SocketChannel first = SupervisorFixture.connect(f.catPort)) {
                assertThat(roundTrip(first, "a\n")).isEqualTo("a\n");  // its child is running now

                assertThat(SupervisorFixture.exchange(f.catPort, "")).isEmpty();
                assertThat(f.log.messages()).contains(f.catPort + "/tcp4: per_source limit (1) reached for 127.0.0.1");
                assertThat(roundTrip(first, "still\n")).isEqualTo("still\n");
            }
        }
    }

    @Test
    void instances_limitsConcurrentBuiltinConnections() throws IOException {
        String config = """
                #jwrap: instances=1
                127.0.0.1:echo stream tcp4 nowait %USER% internal
                """;
        try (SupervisorFixture f = new SupervisorFixture(dir).config(config)) {
            f.start(SupervisorOptions.defaults());
            try (SocketChannel first = SupervisorFixture.connect(f.echoPort)) {
                assertThat(roundTrip(first, "a\n")).isEqualTo("a\n");

                assertThat(SupervisorFixture.exchange(f.echoPort, "")).isEmpty();
                assertThat(f.log.messages()).contains("echo/tcp4: instances limit (1) reached");
            }
        }
    }

    /** Writes {@code text} and reads back as many bytes. */
    private static String roundTrip(SocketChannel channel, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        channel.write(ByteBuffer.wrap(bytes));
        ByteBuffer reply = ByteBuffer.allocate(bytes.length);
        while (reply.hasRemaining() && channel.read(reply) >= 0) {
            // keep reading until the whole echo is back
        }
        reply.flip();
        return StandardCharsets.US_ASCII.decode(reply).toString();
    }
}
