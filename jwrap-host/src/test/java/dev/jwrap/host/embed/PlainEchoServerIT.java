package dev.jwrap.host.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.host.embed.example.PlainEchoServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-Java example program, run as its own JVM, serving and refusing real clients. */
class PlainEchoServerIT {

    @TempDir
    Path dir;

    /**
     * Out of descriptors, accept fails with EMFILE; the server logs it, keeps its listener and
     * serves again once clients leave.
     */
    @Test
    void runningOutOfDescriptorsIsLoggedAndSurvived() throws Exception {
        TestTables tables = TestTables.write(dir, "echo-example", "echo-example: 127.0.0.1\n",
                "echo-example: ALL : banners DENY_BANNERS\n");
        try (ExampleProcess example = ExampleProcess.startWithDescriptorLimit(256, PlainEchoServer.class, "0",
                tables.dir().resolve("hosts.allow").toString(), tables.dir().resolve("hosts.deny").toString())) {
            echoOnce(example); // loads what serving needs while descriptors are plenty
            try (LoopbackClient refused = LoopbackClient.connect("127.0.0.2", example.address())) {
                assertThat(refused.readToEnd()).isEqualTo(TestTables.denyBanner("127.0.0.2"));
            }
            List<LoopbackClient> held = new ArrayList<>();
            try {
                // each served client holds one descriptor in the server; the kernel's backlog takes the rest
                for (int i = 0; i < 400 && example.stderr().stream().noneMatch(l -> l.contains("accept: ")); i++) {
                    try {
                        held.add(LoopbackClient.connect("127.0.0.1", example.address()));
                    } catch (java.net.SocketTimeoutException backlogFull) {
                        break; // the server stopped accepting before its warning reached us: enough held
                    }
                }
                Poll.until(() -> example.stderr().stream().anyMatch(l -> l.endsWith("echo-example: accept: Too many open files")),
                        Duration.ofSeconds(20), "the EMFILE warning");
            } finally {
                for (LoopbackClient client : held) {
                    client.close();
                }
            }
            echoOnce(example);
        }
    }

    private static void echoOnce(ExampleProcess example) throws IOException {
        try (LoopbackClient allowed = LoopbackClient.connect("127.0.0.1", example.address())) {
            allowed.send("ping\r\n");
            assertThat(allowed.read(6)).isEqualTo("ping\r\n");
        }
    }

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
