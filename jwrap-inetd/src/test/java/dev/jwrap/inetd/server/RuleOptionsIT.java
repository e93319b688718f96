package dev.jwrap.inetd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options of a matched rule, applied in-process as tcpd applies them; and the rate limiter. */
class RuleOptionsIT {

    private static final String CAT = "127.0.0.1:%CAT% stream tcp4 nowait %USER% /usr/sbin/tcpd /bin/cat\n";

    @TempDir
    Path dir;

    @Test
    void twist_replacesTheService_andIsLogged() throws IOException {
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CAT)
                .tables("cat: 127.0.0.1: twist /bin/echo twisted %d\n", "")) {
            f.start(SupervisorOptions.defaults());

            assertThat(SupervisorFixture.exchange(f.catPort, "")).isEqualTo("twisted cat\n");
            assertThat(f.log.messages()).contains("twist 127.0.0.1 to /bin/echo twisted cat");
        }
    }

    @Test
    void banner_isSentBeforeTheService() throws IOException {
        Path banners = Files.createDirectory(dir.resolve("banners"));
        Files.writeString(banners.resolve("cat"), "welcome to %d\n");
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CAT)
                .tables("cat: 127.0.0.1: banners " + banners + "\n", "")) {
            f.start(SupervisorOptions.defaults());

            assertThat(SupervisorFixture.exchange(f.catPort, "x\n")).isEqualTo("welcome to cat\r\nx\n");
        }
    }

    @Test
    void setenv_andSpawn_reachTheChild() throws IOException {
        Path marker = dir.resolve("spawned");
        String config = "127.0.0.1:%CAT% stream tcp4 nowait %USER% /usr/sbin/tcpd /usr/bin/env\n";
        try (SupervisorFixture f = new SupervisorFixture(dir).config(config)
                .tables("env: 127.0.0.1: setenv GREETING hello %a: spawn /usr/bin/touch " + marker + "\n", "")) {
            f.start(SupervisorOptions.defaults());

            assertThat(SupervisorFixture.exchange(f.catPort, "")).contains("GREETING=hello 127.0.0.1\n");
            // tcpd waits for a spawn command before the service starts
            assertThat(marker).exists();
        }
    }

    @Test
    void setenv_reachesSpawnAndTwistCommands_asTcpdsOwnEnvironmentDoes() throws IOException {
        Path marker = dir.resolve("spawned");
        try (SupervisorFixture f = new SupervisorFixture(dir).config(CAT)
                .tables("cat: 127.0.0.1: setenv GREETING hello: spawn /bin/echo $GREETING > " + marker
                        + ": twist /bin/echo $GREETING from twist\n", "")) {
            f.start(SupervisorOptions.defaults());

            assertThat(SupervisorFixture.exchange(f.catPort, "")).isEqualTo("hello from twist\n");
            assertThat(marker).hasContent("hello");
        }
    }

    @Test
    void userOption_runsTheServiceAsThatUser_notIgnoredAsDebiansTcpdDoes() throws IOException {
        assumeTrue(System.getProperty("user.name").equals("root"), "changing identity needs root");
        String config = "127.0.0.1:%CAT% stream tcp4 nowait root /usr/sbin/tcpd /usr/bin/id\n";
        try (SupervisorFixture f = new SupervisorFixture(dir).config(config)
                .tables("id: 127.0.0.1: user nobody\n", "")) {
            f.start(SupervisorOptions.defaults());

            assertThat(SupervisorFixture.exchange(f.catPort, "")).startsWith("uid=65534(nobody)");
        }
    }

    @Test
    void rateLimit_allowsMaxPerWindow_thenPausesWithInetdsMessage() throws IOException {
        String config = "127.0.0.1:%CAT% stream tcp4 nowait.2 %USER% /bin/cat cat\n";
        try (SupervisorFixture f = new SupervisorFixture(dir).config(config)) {
            Supervisor supervisor = f.start(SupervisorOptions.defaults());

            assertThat(SupervisorFixture.exchange(f.catPort, "1\n")).isEqualTo("1\n");
            assertThat(SupervisorFixture.exchange(f.catPort, "2\n")).isEqualTo("2\n");
            assertThat(SupervisorFixture.exchange(f.catPort, "")).isEmpty();
            assertThat(f.log.messages()).contains(
                    f.catPort + "/tcp4 server failing (looping), service terminated for 10 min");
            assertThat(SupervisorFixture.exchange(f.catPort, "")).isEmpty();

            supervisor.reload();  // a SIGHUP brings the service back at once, as in inetd
            assertThat(SupervisorFixture.exchange(f.catPort, "3\n")).isEqualTo("3\n");
        }
    }
}
