package dev.jwrap.inetd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.inetd.builtin.UdpSourceFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UDP packet storm from one loopback address (127.0.0.2) against a dgram built-in with
 * {@code #jwrap: per_source=}: the storm is cut down to its share and logged, while requests from
 * another source (127.0.0.1) are still answered and the TCP service of the same server keeps
 * serving. The storm is bounded in count and time.
 */
class UdpStormIT {

    private static final InetAddress STORM_SOURCE = InetAddress.ofLiteral("127.0.0.2");
    private static final int STORM_MAX_DATAGRAMS = 400_000;
    private static final Duration STORM_MAX_TIME = Duration.ofSeconds(20);
    /** 20,000 datagrams per second (400 times the per-source share), sent in bursts of 50. */
    private static final int BURST = 50;
    private static final long BURST_INTERVAL_NANOS = 2_500_000L;
    private static final int PER_SOURCE = 50;

    @TempDir
    Path dir;

    @Test
    void stormFromOneSource_isLimited_otherSourceAndOtherServiceStillServed() throws Exception {
        String config = """
                #jwrap: per_source=%d
                127.0.0.1:echo dgram udp4 wait %%USER%% internal
                127.0.0.1:echo stream tcp4 nowait %%USER%% internal
                """.formatted(PER_SOURCE);
        try (SupervisorFixture f = new SupervisorFixture(dir).config(config)) {
            // loopback clients: the jwrap filter answers 127/8 (openbsd-inetd's never does)
            f.start(SupervisorOptions.defaults().withUdpFilter(UdpSourceFilter.Mode.JWRAP));
            InetSocketAddress service = new InetSocketAddress(SupervisorFixture.LOOPBACK, f.echoPort);
            Storm storm = new Storm(service);
            Thread stormThread = Thread.ofPlatform().name("udp-storm").start(storm);
            try {
                f.awaitLog(line -> line.equals("echo/udp4: per_source limit (" + PER_SOURCE
                        + " datagrams per second) reached for 127.0.0.2"));
                int answered = 0;
                for (int i = 0; i < 20 && storm.running.get(); i++) {
                    answered += askWithRetries(service, "legit " + i) ? 1 : 0;
                }
                assertThat(storm.running.get()).as("the storm was still on during every request").isTrue();
                assertThat(answered).isEqualTo(20);
                assertThat(SupervisorFixture.exchange(f.echoPort, "tcp during the storm\n"))
                        .isEqualTo("tcp during the storm\n");
            } finally {
                storm.running.set(false);
                stormThread.join();
            }
            double seconds = storm.elapsedNanos / 1e9;
            assertThat(storm.sent.get()).isGreaterThan(10 * PER_SOURCE);
            // answers to the storm are at most its per-second share (plus one second of slack)
            assertThat(storm.answers.get()).isLessThanOrEqualTo((int) ((Math.ceil(seconds) + 1) * PER_SOURCE));
        }
    }

    /** Sends {@code text} from 127.0.0.1 and waits for the echo; up to 3 tries of 2 s (the kernel may drop under load). */
    private static boolean askWithRetries(InetSocketAddress service, String text) throws IOException {
        byte[] request = text.getBytes(StandardCharsets.US_ASCII);
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(
                new InetSocketAddress(SupervisorFixture.LOOPBACK, 0))) {
            socket.setSoTimeout(2000);
            for (int attempt = 0; attempt < 3; attempt++) {
                socket.send(new java.net.DatagramPacket(request, request.length, service));
                java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[4096], 4096);
                try {
                    socket.receive(reply);
                    if (new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII).equals(text)) {
                        return true;
                    }
                } catch (SocketTimeoutException lost) {
                    // try again
                }
            }
            return false;
        }
    }

    /** Sends from 127.0.0.2 at a storm's rate until stopped, the count or the time runs out; counts answers. */
    private static final class Storm implements Runnable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger answers = new AtomicInteger();
        private final InetSocketAddress target;
        volatile long elapsedNanos;

        Storm(InetSocketAddress target) {
            this.target = target;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            long deadline = start + STORM_MAX_TIME.toNanos();
            try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
                channel.bind(new InetSocketAddress(STORM_SOURCE, 0));
                channel.configureBlocking(false);
                ByteBuffer payload = ByteBuffer.wrap("storm".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer sink = ByteBuffer.allocate(4096);
                long nextBurst = start;
                while (running.get() && sent.get() < STORM_MAX_DATAGRAMS && System.nanoTime() < deadline) {
                    for (int i = 0; i < BURST; i++) {
                        payload.rewind();
                        if (channel.send(payload, target) > 0) {
                            sent.incrementAndGet();
                        }
                    }
                    nextBurst += BURST_INTERVAL_NANOS;
                    LockSupport.parkNanos(nextBurst - System.nanoTime()); // pacing, not synchronisation
                    sink.clear();
                    while (channel.receive(sink) != null) {
                        answers.incrementAndGet();
                        sink.clear();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                elapsedNanos = System.nanoTime() - start;
                running.set(false);
            }
        }
    }
}
