package dev.jwrap.inetd.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Which watched resources the sweeper closes, and when. */
class IdleWatchdogTest {

    private static final Duration IDLE = Duration.ofMillis(200);

    /** A resource that records being closed. */
    private static final class Resource implements Closeable {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closed.countDown();
        }

        boolean isClosed() {
            return closed.getCount() == 0;
        }

        boolean awaitClosed() throws InterruptedException {
            return closed.await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void closesASilentResourceNoSoonerThanTheIdleTime() throws InterruptedException {
        try (IdleWatchdog watchdog = new IdleWatchdog()) {
            Resource silent = new Resource();
            long start = System.nanoTime();
            watchdog.watch(silent, IDLE);
            assertThat(silent.awaitClosed()).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(IDLE.toNanos());
        }
    }

    @Test
    void leavesEndedWatchesAlone() throws InterruptedException {
        try (IdleWatchdog watchdog = new IdleWatchdog()) {
            Resource ended = new Resource();
            watchdog.watch(ended, IDLE).close();
            Resource silent = new Resource();
            watchdog.watch(silent, IDLE);
            assertThat(silent.awaitClosed()).isTrue();
            assertThat(ended.isClosed()).isFalse();
        }
    }

    @Test
    void progressKeepsAResourceOpen() throws InterruptedException {
        try (IdleWatchdog watchdog = new IdleWatchdog()) {
            Resource busy = new Resource();
            IdleWatchdog.Watch watch = watchdog.watch(busy, IDLE);
            Resource silent = new Resource();
            watchdog.watch(silent, IDLE);
            AtomicBoolean stop = new AtomicBoolean();
            Thread toucher = Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    watch.touch();
                    Thread.onSpinWait();
                }
            });
            // three idle periods of progress: the busy one stays, the silent one goes
            long end = System.nanoTime() + 3 * IDLE.toNanos();
            while (System.nanoTime() < end) {
                assertThat(busy.isClosed()).isFalse();
                Thread.sleep(10);
            }
            stop.set(true);
            toucher.join();
            assertThat(silent.isClosed()).isTrue();
            assertThat(busy.awaitClosed()).isTrue();
        }
    }
}
