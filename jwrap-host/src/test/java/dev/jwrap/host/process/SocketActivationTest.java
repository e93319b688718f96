package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketActivationTest {

    @Test
    void descriptorsStartAtThreeAndTakeTheirNames() {
        var passed = SocketActivation.passed(
                Map.of("LISTEN_PID", "42", "LISTEN_FDS", "3", "LISTEN_FDNAMES", "echo:daytime:"), 42);
        assertThat(passed).containsExactly(new SocketActivation.Passed(3, "echo"),
                new SocketActivation.Passed(4, "daytime"), new SocketActivation.Passed(5, ""));
    }

    @Test
    void namesWhoseCountDiffersAreIgnored() {
        assertThat(SocketActivation.passed(Map.of("LISTEN_PID", "7", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "a"), 7))
                .extracting(SocketActivation.Passed::name).containsExactly("unknown", "unknown");
    }

    @Test
    void variablesForAnotherProcessOrMissingOnesPassNothing() {
        assertThat(SocketActivation.passed(Map.of("LISTEN_PID", "41", "LISTEN_FDS", "1"), 42)).isEmpty();
        assertThat(SocketActivation.passed(Map.of("LISTEN_FDS", "1"), 42)).isEmpty();
        assertThat(SocketActivation.passed(Map.of(), 42)).isEmpty();
    }

    @Test
    void malformedNumbersAreReported() {
        assertThatThrownBy(() -> SocketActivation.passed(Map.of("LISTEN_PID", "42", "LISTEN_FDS", "x"), 42))
                .hasMessage("LISTEN_FDS=x: not a valid number");
        assertThatThrownBy(() -> SocketActivation.passed(Map.of("LISTEN_PID", "-1", "LISTEN_FDS", "1"), 42))
                .hasMessage("LISTEN_PID=-1: not a valid number");
    }

    @Test
    void childrenDoNotInheritTheVariables() {
        assertThat(Environment.forInetd(Map.of("LISTEN_PID", "1", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "x",
                        "NOTIFY_SOCKET", "/run/systemd/notify", "A", "b"), true))
                .containsExactly("A=b", Environment.INETD_DUMMY);
    }
}
