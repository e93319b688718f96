package dev.jwrap.host.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.host.embed.example.PlainEchoServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The plain-Java example program, run as its own JVM, serving and refusing real clients. */
class PlainEchoServerIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"channel", "socket"})
    void servesAllowedClientsAndRefusesOthers(String loop) throws Exception {
        TestTables tables = TestTables.write(dir, "echo-example", """
                echo-example: 127.0.0.1
                """, """
                echo-example: ALL : banners DENY_BANNERS
                """);
        try (ExampleProcess example = ExampleProcess.start(PlainEchoServer.class, "0",
                tables.dir().resolve("hosts.allow").toString(), tables.dir().resolve("hosts.deny").toString(), loop)) {
            try (LoopbackClient allowed = LoopbackClient.connect("127.0.0.1", example.address())) {
                allowed.send("ping\r\n");
                assertThat(allowed.read(6)).isEqualTo("ping\r\n");
            }
            try (LoopbackClient refused = LoopbackClient.connect("127.0.0.2", example.address())) {
                assertThat(refused.readToEnd()).isEqualTo(TestTables.denyBanner("127.0.0.2"));
            }
            Poll.until(() -> example.stderr().stream().anyMatch(l -> l.endsWith("refused connect from 127.0.0.2 (127.0.0.2)")),
                    Duration.ofSeconds(10), "the refusal on the example's stderr");
            assertThat(example.stderr()).anyMatch(l -> l.endsWith("connect from 127.0.0.1 (127.0.0.1)"));
        }
    }
}
