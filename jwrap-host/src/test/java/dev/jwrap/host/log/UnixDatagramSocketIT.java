package dev.jwrap.host.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void jniSocket_backsOffAfterFailedConnectsInARow() throws Throwable {
        Path path = dir.resolve("jni-backoff.sock");
        backOff(new JniUnixDatagramSocket(UnixDatagramSocket.sockaddr(path.toString())), path);
    }

    @Test
    void ffmSocket_backsOffAfterFailedConnectsInARow() throws Throwable {
        Path path = dir.resolve("ffm-backoff.sock");
        backOff(new FfmUnixDatagramSocket(UnixDatagramSocket.sockaddr(path.toString())), path);
    }

    /**
     * Two failed connects in a row: the path is left alone for a second (a receiver that appears
     * meanwhile gets nothing, and the send reports the last connect's error), then tried again.
     */
    private static void backOff(UnixDatagramSocket socket, Path path) throws Throwable {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        socket.useClock(now::get);
        try (socket) {
            assertThat(socket.send(bytes("first failure"))).isEqualTo(ENOENT);
            assertThat(socket.mayDeliver()).as("one failure: the next message tries again").isTrue();
            assertThat(socket.send(bytes("second failure"))).isEqualTo(ENOENT);
            assertThat(socket.mayDeliver()).isFalse();
            try (UnixDatagramReceiver receiver = new UnixDatagramReceiver(path)) {
                now.addAndGet(UnixDatagramSocket.RETRY_NANOS - 1);
                // a connect would succeed now: ENOENT proves none was made
                assertThat(socket.send(bytes("dropped while backing off"))).isEqualTo(ENOENT);
                now.addAndGet(1);
                assertThat(socket.mayDeliver()).isTrue();
                assertThat(socket.send(bytes("after the back-off"))).isZero();
                // datagrams arrive in order: the first one received is the one after the back-off
                assertThat(receiver.receive(Duration.ofSeconds(5))).contains("after the back-off");
            }
            // connected again, a failure is retried at once again: the count started over
            Files.deleteIfExists(path);
            assertThat(socket.send(bytes("receiver gone"))).isEqualTo(ENOENT);
            try (UnixDatagramReceiver receiver = new UnixDatagramReceiver(path)) {
                assertThat(socket.send(bytes("found at once"))).isZero();
                assertThat(receiver.receive(Duration.ofSeconds(5))).contains("found at once");
            }
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
