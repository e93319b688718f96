package dev.jwrap.proxy.tcpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpdArgumentsTest {

    @Test
    void daemonAlone_getsTcpdsDefaults() {
        TcpdSettings s = TcpdArguments.parse("in.telnetd");
        assertThat(s.allow()).isEqualTo(Path.of("/etc/hosts.allow"));
        assertThat(s.deny()).isEqualTo(Path.of("/etc/hosts.deny"));
        assertThat(s.refusalDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.daemon()).containsExactly("in.telnetd");
    }

    @Test
    void optionsEndAtTheDaemon_whoseOwnOptionsPassThrough() {
        TcpdSettings s = TcpdArguments.parse("--allow", "a", "--deny=d", "--refusal-delay", "0.25",
                "/usr/sbin/in.ftpd", "-l", "--allow", "x");
        assertThat(s.allow()).isEqualTo(Path.of("a"));
        assertThat(s.deny()).isEqualTo(Path.of("d"));
        assertThat(s.refusalDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.daemon()).containsExactly("/usr/sbin/in.ftpd", "-l", "--allow", "x");
    }

    @Test
    void doubleDash_endsTheOptions() {
        assertThat(TcpdArguments.parse("--", "--odd-daemon").daemon()).containsExactly("--odd-daemon");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|no daemon given",
        "--allow|option --allow needs a value",
        "--bogus x d|unknown option --bogus",
        "--refusal-delay soon d|not a number of seconds: \"soon\"",
        "--refusal-delay -1 d|not a number of seconds: \"-1\""
    })
    void badCommandLines_getOneLine(String args, String message) {
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
        assertThatThrownBy(() -> TcpdArguments.parse(argv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource({
        "/usr/sbin/in.telnetd, /usr/sbin/in.telnetd, in.telnetd",
        "in.telnetd, /usr/sbin/in.telnetd, in.telnetd",
        "/opt/x/bin/probe, /opt/x/bin/probe, probe",
        "sub/dir, /usr/sbin/sub/dir, sub/dir"
    })
    void daemonPath_asTcpdResolvesArgv0(String word, String program, String name) {
        DaemonProgram d = DaemonProgram.of(List.of(word, "arg"));
        assertThat(d.program()).isEqualTo(Path.of(program));
        assertThat(d.name()).isEqualTo(name);
        assertThat(d.argv()).containsExactly(name, "arg");
    }
}
