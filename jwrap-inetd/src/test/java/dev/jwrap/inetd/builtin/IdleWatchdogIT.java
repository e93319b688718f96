package dev.jwrap.inetd.builtin;

import static org.assertj.core.api.Assertions.assertThat;

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
        BlockingQueue<String> reports = new LinkedBlockingQueue<>();
        try (IdleWatchdog watchdog = new IdleWatchdog(reports::add);
                ServerSocketChannel server = ServerSocketChannel.open()
                        .bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel served = server.accept()) {
            watchdog.watch(served, Duration.ofSeconds(1));

            String report = reports.poll(30, TimeUnit.SECONDS);
            assertThat(report).isEqualTo("idle connection from " + client.getLocalAddress() + " closed after 1 s");
            assertThat(served.isOpen()).isFalse();
            assertThat(client.read(ByteBuffer.allocate(1))).as("the client sees EOF").isEqualTo(-1);
        }
    }

    @Test
    void connectionThatEndsInTime_isNotReported() throws Exception {
        BlockingQueue<String> reports = new LinkedBlockingQueue<>();
        try (IdleWatchdog watchdog = new IdleWatchdog(reports::add);
                ServerSocketChannel server = ServerSocketChannel.open()
                        .bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel served = server.accept()) {
            IdleWatchdog.Watch watch = watchdog.watch(served, Duration.ofSeconds(1));
            watch.close();
            assertThat(reports.poll(2, TimeUnit.SECONDS)).isNull();
            assertThat(served.isOpen()).isTrue();
        }
    }
}
