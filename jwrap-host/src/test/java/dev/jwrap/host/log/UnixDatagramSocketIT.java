package dev.jwrap.host.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both bindings of the datagram socket deliver, report a missing receiver, and reconnect to a new one. */
class UnixDatagramSocketIT {

    private static final int ENOENT = 2;

    @TempDir
    Path dir;

    @Test
    void jniSocket_sendsReconnectsAndReportsErrors() throws Throwable {
        Path path = dir.resolve("jni.sock");
        exercise(new JniUnixDatagramSocket(UnixDatagramSocket.sockaddr(path.toString())), path);
    }

    @Test
    void ffmSocket_sendsReconnectsAndReportsErrors() throws Throwable {
        Path path = dir.resolve("ffm.sock");
        exercise(new FfmUnixDatagramSocket(UnixDatagramSocket.sockaddr(path.toString())), path);
    }

    @Test
    void theBuildUsesTheJniBinding() throws Throwable {
        try (UnixDatagramSocket socket = UnixDatagramSocket.open(dir.resolve("any").toString())) {
            assertThat(socket).isInstanceOf(JniUnixDatagramSocket.class);
        }
    }

    private static void exercise(UnixDatagramSocket socket, Path path) throws Throwable {
        try (socket) {
            assertThat(socket.send(bytes("nobody there"))).isEqualTo(ENOENT);
            try (UnixDatagramReceiver receiver = new UnixDatagramReceiver(path)) {
                assertThat(socket.send(bytes("first"))).isZero();
                assertThat(receiver.receive(Duration.ofSeconds(5))).contains("first");
            }
            // a restarted receiver at the same path: the next send connects again
            Files.deleteIfExists(path);
            try (UnixDatagramReceiver receiver = new UnixDatagramReceiver(path)) {
                assertThat(socket.send(bytes("second"))).isZero();
                assertThat(receiver.receive(Duration.ofSeconds(5))).contains("second");
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
