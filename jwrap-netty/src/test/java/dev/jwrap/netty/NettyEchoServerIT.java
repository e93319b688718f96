package dev.jwrap.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.host.embed.ExampleProcess;
import dev.jwrap.host.embed.LoopbackClient;
import dev.jwrap.host.embed.Poll;
import dev.jwrap.host.embed.TestTables;
import dev.jwrap.netty.example.NettyEchoServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Netty example program, run as its own JVM, directly and behind a PROXY header. */
class NettyEchoServerIT {

    @TempDir
    Path dir;

    private TestTables tables() throws Exception {
        return TestTables.write(dir, "echo-example", """
                echo-example: 127.0.0.1
                """, """
                echo-example: ALL : banners DENY_BANNERS
                """);
    }

    private static void awaitLine(ExampleProcess example, String suffix) {
        Poll.until(() -> example.stderr().stream().anyMatch(l -> l.endsWith(suffix)), Duration.ofSeconds(10),
                "\"" + suffix + "\" on the example's stderr");
    }

    @Test
    void servesAllowedClientsAndRefusesOthers() throws Exception {
        TestTables tables = tables();
        try (ExampleProcess example = ExampleProcess.start(NettyEchoServer.class, "0",
                tables.dir().resolve("hosts.allow").toString(), tables.dir().resolve("hosts.deny").toString())) {
            try (LoopbackClient allowed = LoopbackClient.connect("127.0.0.1", example.address())) {
                allowed.send("ping\r\n");
                assertThat(allowed.read(6)).isEqualTo("ping\r\n");
            }
            try (LoopbackClient refused = LoopbackClient.connect("127.0.0.2", example.address())) {
                assertThat(refused.readToEnd()).isEqualTo(TestTables.denyBanner("127.0.0.2"));
            }
            awaitLine(example, "refused connect from 127.0.0.2 (127.0.0.2)");
        }
    }

    @Test
    void behindAProxyDecidesOnTheClientTheHeaderNames() throws Exception {
        TestTables tables = tables();
        try (ExampleProcess example = ExampleProcess.start(NettyEchoServer.class, "0",
                tables.dir().resolve("hosts.allow").toString(), tables.dir().resolve("hosts.deny").toString(),
                "proxy")) {
            try (LoopbackClient proxy = LoopbackClient.connect("127.0.0.1", example.address())) {
                proxy.send(ProxyHeaders.v2("127.0.0.2", "127.0.0.1", 40000, 7));
                assertThat(proxy.readToEnd()).isEqualTo(TestTables.denyBanner("127.0.0.2"));
            }
            try (LoopbackClient proxy = LoopbackClient.connect("127.0.0.2", example.address())) {
                proxy.send(ProxyHeaders.concat(ProxyHeaders.v1("127.0.0.1", "127.0.0.1", 40001, 7), "ping\r\n".getBytes()));
                assertThat(proxy.read(6)).isEqualTo("ping\r\n");
            }
            awaitLine(example, "refused connect from 127.0.0.2 (127.0.0.2)");
            awaitLine(example, "connect from 127.0.0.1 (127.0.0.1)");
        }
    }
}
