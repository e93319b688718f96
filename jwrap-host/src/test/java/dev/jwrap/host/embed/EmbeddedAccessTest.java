package dev.jwrap.host.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.host.access.ConnectionEvent.Outcome;
import dev.jwrap.host.log.RecordingSyslog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EmbeddedAccess} without sockets: verdicts, options collected, failures refused and counted. */
class EmbeddedAccessTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.9"), 7);

    @TempDir
    Path dir;

    private final RecordingSyslog log = new RecordingSyslog();
    private final RecordingObserver recorder = new RecordingObserver();
    private AccessPolicy policy;

    @BeforeEach
    void setUp() throws Exception {
        policy = TestTables.write(dir, "myd", """
                myd: 192.0.2.1 : banners ALLOW_BANNERS : keepalive : linger 7
                myd: 192.0.2.3 : twist /bin/echo hi
                """, """
                myd: ALL
                """).policy();
    }

    private EmbeddedAccess.Builder builder() {
        return EmbeddedAccess.builder("myd", () -> policy, log).observer(recorder).metrics(recorder);
    }

    private static InetSocketAddress client(String address) {
        return new InetSocketAddress(InetAddress.ofLiteral(address), 4000);
    }

    @Test
    void grantedCheckCarriesTheRulesBannerAndSocketOptions() {
        Admission admission = builder().build().check(client("192.0.2.1"), SERVER);
        assertThat(admission.granted()).isTrue();
        assertThat(new String(admission.banner())).isEqualTo(TestTables.allowBanner("192.0.2.1"));
        assertThat(admission.keepalive()).isTrue();
        assertThat(admission.linger()).hasValue(7);
        assertThat(admission.decisionIfAny()).hasValueSatisfying(d -> assertThat(d.rule().line()).isEqualTo(1));
    }

    @Test
    void twistIsRefusedAsInAResidentProcess() {
        Admission admission = builder().build().check(client("192.0.2.3"), SERVER);
        assertThat(admission.granted()).isFalse();
        assertThat(log.messages()).anyMatch(m -> m.contains("twist option in resident process"));
        assertThat(recorder.outcomesFor(client("192.0.2.3"))).containsExactly(Outcome.DENIED);
    }

    @Test
    void rejectingExecutorRefusesTheConnectionWithALogLine() {
        EmbeddedAccess access = builder().executor(task -> {
            throw new RejectedExecutionException("full");
        }).build();
        Admission admission = access.checkAsync(client("192.0.2.1"), SERVER).join();
        assertThat(admission.granted()).isFalse();
        assertThat(admission.decisionIfAny()).isEmpty();
        assertThat(log.messages()).singleElement()
                .satisfies(m -> assertThat(m).startsWith("refused connect from 192.0.2.1 (192.0.2.1): access check for myd failed"));
        assertThat(recorder.counted("limited myd check_failed")).isEqualTo(1);
    }

    @Test
    void checkThatNeverEndsIsRefusedAfterTheTimeout() {
        EmbeddedAccess access = builder().executor(task -> { }).checkTimeout(Duration.ofMillis(50)).build();
        Admission admission = access.checkAsync(client("192.0.2.1"), SERVER).join();
        assertThat(admission.granted()).isFalse();
        assertThat(recorder.counted("limited myd check_timeout")).isEqualTo(1);
    }

    @Test
    void builderRejectsWhatCannotWork() {
        assertThatThrownBy(() -> EmbeddedAccess.builder(" ", () -> policy, log))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("daemon");
        assertThatThrownBy(() -> builder().checkTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkTimeout");
    }
}
