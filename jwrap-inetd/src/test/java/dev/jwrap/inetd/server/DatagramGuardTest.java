package dev.jwrap.inetd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.host.log.RecordingSyslog;
import dev.jwrap.inetd.config.ServiceLimits;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatagramGuardTest {

    private static final InetAddress A = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress B = InetAddress.ofLiteral("192.0.2.2");

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final RecordingSyslog log = new RecordingSyslog();
    private final DatagramGuard guard = new DatagramGuard("echo/udp", log, now::get);

    private static ServiceLimits limits(Integer perSource, Integer cps) {
        return new ServiceLimits(perSource == null ? OptionalInt.empty() : OptionalInt.of(perSource), OptionalInt.empty(),
                cps == null ? OptionalInt.empty() : OptionalInt.of(cps), 5);
    }

    @Test
    void perSourceCountsEachAddressPerSecond() {
        ServiceLimits l = limits(2, null);
        assertThat(guard.admit(l, A)).isTrue();
        assertThat(guard.admit(l, A)).isTrue();
        assertThat(guard.admit(l, A)).isFalse();
        assertThat(guard.admit(l, B)).isTrue();
        now.addAndGet(PausingRate.SECOND);
        assertThat(guard.admit(l, A)).isTrue();
        assertThat(log.messages()).containsExactly(
                "echo/udp: per_source limit (2 datagrams per second) reached for 192.0.2.1");
    }

    @Test
    void whatPerSourceDropsDoesNotCountTowardsCps() {
        ServiceLimits l = limits(1, 3);
        for (int i = 0; i < 100; i++) {
            guard.admit(l, A);
        }
        assertThat(guard.admit(l, B)).as("A used 1 of the 3 per second").isTrue();
        assertThat(log.messages()).noneMatch(m -> m.contains("paused"));
    }

    @Test
    void cpsPausesTheServiceThenResumes() {
        ServiceLimits l = limits(null, 2);
        assertThat(guard.admit(l, A)).isTrue();
        assertThat(guard.admit(l, B)).isTrue();
        assertThat(guard.admit(l, A)).isFalse();
        now.addAndGet(4 * PausingRate.SECOND);
        assertThat(guard.admit(l, B)).as("still paused").isFalse();
        now.addAndGet(PausingRate.SECOND);
        assertThat(guard.admit(l, B)).isTrue();
        assertThat(log.messages()).containsExactly("echo/udp: more than 2 datagrams per second, service paused for 5 s");
    }

    @Test
    void noLimitsAdmitEverything() {
        for (int i = 0; i < 1000; i++) {
            assertThat(guard.admit(ServiceLimits.NONE, A)).isTrue();
        }
    }

    @Test
    void eachDroppedDatagramNamesItsLimitForTheMetrics() {
        List<String> refusedBy = new ArrayList<>();
        ServiceLimits l = limits(1, 2);

        guard.admit(l, A, refusedBy::add);
        guard.admit(l, A, refusedBy::add);  // per_source
        guard.admit(l, B, refusedBy::add);
        guard.admit(l, InetAddress.ofLiteral("192.0.2.3"), refusedBy::add);  // cps trips
        guard.admit(l, InetAddress.ofLiteral("192.0.2.4"), refusedBy::add);  // paused

        assertThat(refusedBy).containsExactly("per_source", "cps", "cps");
    }
}
