package dev.jwrap.inetd.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client that connects and sends nothing: the watchdog closes the connection and says so. */
class IdleWatchdogIT {

    @Test
    void silentConnection_isClosed_andReportedWithItsPeer() throws Exception {
        try (Connection c = new Connection()) {
            c.watchdog.watch(c.served, Duration.ofSeconds(1));

            String report = c.reports.poll(30, TimeUnit.SECONDS);
            assertThat(report).isEqualTo("idle connection from " + c.client.getLocalAddress() + " closed after 1 s");
            assertThat(c.served.isOpen()).isFalse();
            assertThat(c.client.read(ByteBuffer.allocate(1))).as("the client sees EOF").isEqualTo(-1);
        }
    }

    @Test
    void connectionThatEndsInTime_isNotReported() throws Exception {
        try (Connection c = new Connection()) {
            IdleWatchdog.Watch watch = c.watchdog.watch(c.served, Duration.ofSeconds(1));
            watch.close();
            assertThat(c.reports.poll(2, TimeUnit.SECONDS)).isNull();
            assertThat(c.served.isOpen()).isTrue();
        }
    }

    /** A loopback connection, its server side, and a watchdog that reports into a queue. */
    private static final class Connection implements AutoCloseable {
        final BlockingQueue<String> reports = new LinkedBlockingQueue<>();
        final IdleWatchdog watchdog = new IdleWatchdog(reports::add);
        final ServerSocketChannel server;
        final SocketChannel client;
        final SocketChannel served;

        Connection() throws IOException {
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
            client = SocketChannel.open(server.getLocalAddress());
            served = server.accept();
        }

        @Override
        public void close() throws IOException {
            watchdog.close();
            served.close();
            client.close();
            server.close();
        }
    }
}
