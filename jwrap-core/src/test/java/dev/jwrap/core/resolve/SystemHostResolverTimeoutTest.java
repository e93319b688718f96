package dev.jwrap.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwrap.core.resolve.HostResolver.Family;
import dev.jwrap.core.resolve.HostResolver.ForwardLookup;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The time bound of {@link SystemHostResolver}, with a name service that stalls like a dead DNS
 * server (no real DNS involved).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SystemHostResolverTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final InetAddress STALLING_ADDRESS = InetAddress.ofLiteral("192.0.2.66");
    private static final ForwardLookup FAST_ANSWER =
            new ForwardLookup("fast.example", List.of(InetAddress.ofLiteral("192.0.2.1")));

    private final StallingNameService names = new StallingNameService();
    private SystemHostResolver resolver;

    @AfterEach
    void release() {
        names.release.countDown();
        if (resolver != null) {
            resolver.close();
        }
    }

    @Test
    void forward_stalledNameService_isEmptyOnceTheTimeoutRunsOut() {
        resolver = new SystemHostResolver(TIMEOUT, names, 4);
        assertThat(resolver.forward("stall.example", Family.ANY)).isEmpty();
    }

    @Test
    void reverseAndNetgroup_stalledNameService_failOnceTheTimeoutRunsOut() {
        resolver = new SystemHostResolver(TIMEOUT, names, 4);
        assertThat(resolver.reverse(STALLING_ADDRESS)).isEmpty();
        assertThat(resolver.inNetgroup("stall", "host")).isFalse();
    }

    @Test
    void otherLookups_areAnswered_whileOneIsStalled() {
        resolver = new SystemHostResolver(TIMEOUT, names, 4);
        assertThat(resolver.forward("stall.example", Family.ANY)).isEmpty();
        assertThat(resolver.forward("fast.example", Family.ANY)).contains(FAST_ANSWER);
        assertThat(resolver.inNetgroup("fast", "host")).isTrue();
    }

    @Test
    void waitingForAFreeThread_countsAgainstTheTimeout() throws InterruptedException {
        resolver = new SystemHostResolver(Duration.ofSeconds(1), names, 1);
        Thread.ofPlatform().start(() -> resolver.forward("stall.example", Family.ANY));
        assertThat(names.entered.await(30, TimeUnit.SECONDS)).as("stalled call reached the name service").isTrue();

        // The only worker is stuck in the "C library": the next call waits in the queue and gives up.
        assertThat(resolver.forward("fast.example", Family.ANY)).isEmpty();

        names.release.countDown();
        assertThat(names.left.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(resolver.forward("fast.example", Family.ANY)).contains(FAST_ANSWER);
    }

    @Test
    void interruptedCaller_getsEmpty_andKeepsItsInterruptStatus() {
        resolver = new SystemHostResolver(TIMEOUT, names, 4);
        Thread.currentThread().interrupt();
        try {
            assertThat(resolver.forward("stall.example", Family.ANY)).isEmpty();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void closedResolver_answersNotFound() {
        resolver = new SystemHostResolver(TIMEOUT, names, 4);
        resolver.close();
        assertThat(resolver.forward("fast.example", Family.ANY)).isEmpty();
        assertThat(resolver.inNetgroup("fast", "host")).isFalse();
    }

    @Test
    void bugInTheNameService_isRethrown() {
        resolver = new SystemHostResolver(TIMEOUT, names, 4);
        assertThatThrownBy(() -> resolver.forward("boom.example", Family.ANY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
    }

    /** Stalls on names and groups starting with "stall" and on {@link #STALLING_ADDRESS}, until released. */
    private static final class StallingNameService implements NameService {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch left = new CountDownLatch(1);

        @Override
        public Optional<String> reverse(InetAddress address) {
            if (address.equals(STALLING_ADDRESS)) {
                stall();
            }
            return Optional.of("fast.example");
        }

        @Override
        public Optional<ForwardLookup> forward(String host, Family family) {
            if (host.startsWith("stall")) {
                stall();
            }
            if (host.startsWith("boom")) {
                throw new IllegalStateException("boom");
            }
            return Optional.of(FAST_ANSWER);
        }

        @Override
        public boolean inNetgroup(String group, String host) {
            if (group.startsWith("stall")) {
                stall();
            }
            return true;
        }

        private void stall() {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                left.countDown();
            }
        }
    }
}
