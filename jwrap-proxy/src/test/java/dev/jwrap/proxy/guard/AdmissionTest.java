package dev.jwrap.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void rate_budgetIsSpentOncePerConnection_evenWhenTimesArriveOutOfOrder() throws Exception {
        // event loops read the clock at different moments: an older reading must not eat the budget
        Admission admission = new Admission(Limits.DEFAULTS.withPerSource(0).withPerSourcePerMinute(3));
        InetAddress client = InetAddress.getByName("192.0.2.1");
        long t = -5 * SECOND; // nanoTime may be negative

        assertThat(admission.admit(client, t)).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(admission.admit(client, t + 1000)).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(admission.admit(client, t + 500)).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(admission.admit(client, t + 2000)).isEqualTo(Admission.Outcome.TOO_FAST_FROM_SOURCE);
    }

    @Test
    void rate_budgetComesBackWithTime() throws Exception {
        Admission admission = new Admission(Limits.DEFAULTS.withPerSource(0).withPerSourcePerMinute(60));
        InetAddress client = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < 60; i++) {
            assertThat(admission.admit(client, 0)).isEqualTo(Admission.Outcome.ADMITTED);
        }
        assertThat(admission.admit(client, 0)).isEqualTo(Admission.Outcome.TOO_FAST_FROM_SOURCE);
        assertThat(admission.admit(client, SECOND)).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(admission.admit(client, SECOND)).isEqualTo(Admission.Outcome.TOO_FAST_FROM_SOURCE);
    }

    @Test
    void perSource_slotComesBackOnRelease() throws Exception {
        Admission admission = new Admission(Limits.DEFAULTS.withPerSource(1));
        InetAddress client = InetAddress.getByName("192.0.2.1");

        assertThat(admission.admit(client, 0)).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(admission.admit(client, 0)).isEqualTo(Admission.Outcome.TOO_MANY_FROM_SOURCE);
        admission.release(client);
        assertThat(admission.admit(client, 0)).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(admission.active()).isEqualTo(1);
    }
}
