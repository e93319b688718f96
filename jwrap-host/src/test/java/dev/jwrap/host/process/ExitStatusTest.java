package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void decodesLikeTheCMacros() {
        assertThat(new ExitStatus(0x0300).describe()).isEqualTo("exit status 3");
        assertThat(new ExitStatus(0).success()).isTrue();
        assertThat(new ExitStatus(9).describe()).isEqualTo("exit signal 9");
        assertThat(new ExitStatus(0x8b).signal()).isEqualTo(11); // core dumped flag ignored
        assertThat(ExitStatus.lost().exited()).isFalse();
        assertThat(ExitStatus.lost().signaled()).isFalse();
    }
}
