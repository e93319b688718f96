package dev.jwrap.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildProcessTest {

    @Test
    void bothStreamsAndTheStatusComeBack_andStandardInputIsEmpty() {
        ChildProcess.Outcome run = ChildProcess.run(
                List.of("/bin/sh", "-c", "wc -c; echo oops >&2; exit 3"), Duration.ofSeconds(30));

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.stdout().strip()).isEqualTo("0");
        assertThat(run.stderr()).isEqualTo("oops\n");
        assertThat(run.all()).isEqualTo(run.stdout() + "oops\n");
    }

    @Test
    void outputLargerThanAPipeDoesNotStallTheChild() {
        ChildProcess.Outcome run = ChildProcess.run(
                List.of("/bin/sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x; head -c 300000 /dev/zero >&2"),
                Duration.ofSeconds(30));

        assertThat(run.status()).isZero();
        assertThat(run.stdout()).hasSize(1_000_000);
        assertThat(run.stderr()).hasSize(300_000);
    }

    @Test
    void aChildPastItsDeadlineIsKilledAndFailsTheTest() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> ChildProcess.run(List.of("/bin/sleep", "30"), Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not finish within");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }
}
