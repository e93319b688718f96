package dev.jwrap.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardConfigParserTest {

    @TempDir
    Path dir;

    @Test
    void parse_everyDirective() throws Exception {
        Path file = Files.writeString(dir.resolve("guard.conf"), """
                # two services
                allow tables/hosts.allow
                deny /etc/hosts.deny
                per-source 4      # per client address
                rate 120
                max-connections 100
                idle-timeout 5m
                connect-timeout 500ms
                service sshd listen 127.0.0.1:2222 to 127.0.0.1:22
                service smtp listen [::1]:2525 to 127.0.0.1:25 proxy-protocol v2
                """);
        GuardConfig config = GuardConfigParser.parse(file);
        assertThat(config.routes()).containsExactly(
                new Route("sshd", new InetSocketAddress("127.0.0.1", 2222), new InetSocketAddress("127.0.0.1", 22),
                        ProxyProtocol.NONE),
                new Route("smtp", new InetSocketAddress("::1", 2525), new InetSocketAddress("127.0.0.1", 25),
                        ProxyProtocol.V2));
        assertThat(config.allow().path()).isEqualTo(dir.resolve("tables/hosts.allow"));
        assertThat(config.deny().path()).isEqualTo(Path.of("/etc/hosts.deny"));
        assertThat(config.limits()).isEqualTo(new Limits(4, 120, 100, Duration.ofMinutes(5), Duration.ofMillis(500)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            service sshd listen 127.0.0.1:2222 to 127.0.0.1:22 proxy-protocol v3 => 1: proxy protocol must be v1 or v2, not "v3"
            service sshd listen 127.0.0.1 to 127.0.0.1:22 => 1: "127.0.0.1" is not HOST:PORT
            service sshd listen 127.0.0.1:99999 to 127.0.0.1:22 => 1: "127.0.0.1:99999": bad port 99999
            service sshd from 127.0.0.1:1 to 127.0.0.1:22 => 1: expected: service DAEMON listen HOST:PORT to HOST:PORT [proxy-protocol v1|v2]
            service sshd listen ::1:22 to 127.0.0.1:22 => 1: "::1:22": write an IPv6 address in brackets, e.g. [::1]:22
            per-source -1 => 1: per-source: "-1" is not a count (0 or more)
            idle-timeout 3h => 1: "3h": unknown unit "h" (ms, s, m)
            idle-timeout 0 => 1: "0": a duration must be positive
            bogus 1 => 1: unknown directive "bogus"
            allow => 1: allow takes exactly one value
            """)
    void parse_badLine_namesFileAndLine(String line, String expected) throws Exception {
        Path file = Files.writeString(dir.resolve("guard.conf"), line + "\n");
        assertThatThrownBy(() -> GuardConfigParser.parse(file))
                .isInstanceOf(GuardConfigException.class)
                .hasMessage(file + ":" + expected);
    }

    @Test
    void parse_repeatedDirective_namesTheSecondLine() throws Exception {
        Path file = Files.writeString(dir.resolve("guard.conf"), "rate 1\n\nrate 2\n");
        assertThatThrownBy(() -> GuardConfigParser.parse(file)).hasMessage(file + ":3: rate is given twice");
    }

    @Test
    void parse_noService_isAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("guard.conf"), "# nothing\n");
        assertThatThrownBy(() -> GuardConfigParser.parse(file)).hasMessageStartingWith(file + ": no service line");
    }

    @Test
    void parse_sameListenAddressTwice_isAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("guard.conf"), """
                service a listen 127.0.0.1:2222 to 127.0.0.1:22
                service b listen 127.0.0.1:2222 to 127.0.0.1:23
                """);
        assertThatThrownBy(() -> GuardConfigParser.parse(file))
                .hasMessage(file + ": two services listen on the same address");
    }

    @Test
    void parse_missingFile() {
        Path file = dir.resolve("absent.conf");
        assertThatThrownBy(() -> GuardConfigParser.parse(file)).hasMessage(file + ": no such file");
    }
}
