package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChannelDescriptorsIT {

    private final ChannelDescriptors descriptors = new ChannelDescriptors();

    @Test
    void fdIsTheChannelsSocket() throws Exception {
        try (Loopback conn = Loopback.open()) {
            int fd = descriptors.fd(conn.server());
            assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString()).startsWith("socket:[");
            assertThat(descriptors.fd(conn.listener())).isNotEqualTo(fd);
        }
    }

    @Test
    void virtualThreadUseLeavesONonblockAndMakeBlockingClearsIt() throws Exception {
        try (Loopback conn = Loopback.open()) {
            int fd = descriptors.fd(conn.server());
            conn.client().getOutputStream().write('x');
            // A blocking read from a virtual thread: the JDK switches the fd to O_NONBLOCK under the hood.
            Thread.ofVirtual().start(() -> {
                try {
                    conn.server().read(ByteBuffer.allocate(1));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).join();
            assertThat(conn.server().isBlocking()).isTrue();
            assertThat(descriptors.isNonBlocking(fd)).isTrue();

            descriptors.makeBlocking(fd);
            assertThat(descriptors.isNonBlocking(fd)).isFalse();
        }
    }

    @Test
    void otherChannelsAreRejected() throws Exception {
        Path file = Files.createTempFile("jwrap-fd", ".txt");
        try (FileChannel channel = FileChannel.open(file)) {
            assertThatThrownBy(() -> descriptors.fd(channel)).isInstanceOf(IllegalArgumentException.class);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void badDescriptorIsAnError() {
        assertThatThrownBy(() -> descriptors.makeBlocking(1_000_000))
                .isInstanceOf(SpawnException.class)
                .hasMessage("fcntl 1000000: Bad file descriptor");
    }
}
