package dev.jwrap.audit.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code maxRate} spaces new connections evenly (spec §3.3): N connects at R per second cannot take
 * less than (N - 1) / R seconds. Loopback, with an opener that is not the system's so that the
 * loopback fast path (which opens no connection and is not paced) stays out of it.
 */
class MaxRateIT {

    @Test
    void connectsAreSpacedByTheRate() throws Exception {
        ChannelOpener plain = SocketChannel::open;
        int ports = 60;
        int rate = 100;
        ScanResult r = new ConnectScanner(plain, ScanTiming.LOOPBACK, new Random(7)).maxRate(rate)
                .scan(InetAddress.ofLiteral("127.0.0.1"), PortList.parse("40101-" + (40100 + ports)));

        assertThat(r.open().size() + r.filtered().size() + r.closed()).isEqualTo(ports);
        assertThat(r.nanos()).as("%d connects at %d/s", ports, rate).isGreaterThanOrEqualTo((ports - 1) * 1_000_000_000L / rate);
    }

    @Test
    void aRateBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RatePacer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
