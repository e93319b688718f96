package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Signals sent to this very JVM reach the right action, and closing restores the old handlers. */
class ServerSignalsIT {

    private static void kill(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
                .inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void hupReloadsTermAndIntShutDown() throws Exception {
        CountDownLatch reload = new CountDownLatch(1);
        CountDownLatch shutdown = new CountDownLatch(2);
        AtomicInteger reloads = new AtomicInteger();
        try (ServerSignals signals = ServerSignals.install(
                () -> { reloads.incrementAndGet(); reload.countDown(); }, shutdown::countDown, () -> {})) {
            kill("HUP");
            assertThat(reload.await(10, TimeUnit.SECONDS)).isTrue();
            kill("TERM");
            kill("INT");
            assertThat(shutdown.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(reloads.get()).isEqualTo(1);
        }
    }

    @Test
    void closeRestoresThePreviousHandler() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        try (ServerSignals outer = ServerSignals.install(first::countDown, () -> {}, () -> {})) {
            ServerSignals inner = ServerSignals.install(second::countDown, () -> {}, () -> {});
            inner.close();
            kill("HUP");
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second.getCount()).isEqualTo(1);
        }
    }
}
