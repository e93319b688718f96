package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwrap guard}'s answers to unusable input: one line, never a trace; serving is covered by GuardProcessIT. */
class GuardCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int guard(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "guard";
        System.arraycopy(args, 0, argv, 1, args.length);
        return Jwrap.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), argv);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void configFileError_isFileLineReason_exit1() throws Exception {
        Files.writeString(dir.resolve("guard.conf"), "# guard\nservice sshd listen 127.0.0.1:2222 to 127.0.0.1\n");
        assertThat(guard("--config", "guard.conf")).isEqualTo(1);
        assertThat(err()).isEqualTo("jwrap guard: " + dir.resolve("guard.conf") + ":2: \"127.0.0.1\" is not HOST:PORT\n");
    }

    @Test
    void badListenAddress_isOneLine_exit2() {
        assertThat(guard("--listen", "localhost", "--to", "127.0.0.1:22", "--daemon", "sshd")).isEqualTo(2);
        assertThat(err()).isEqualTo("jwrap guard: \"localhost\" is not HOST:PORT\n");
    }

    @Test
    void badProxyProtocol_isOneLine_exit2() {
        assertThat(guard("--listen", "127.0.0.1:0", "--to", "127.0.0.1:22", "--daemon", "sshd", "--proxy-protocol",
                "v3")).isEqualTo(2);
        assertThat(err()).isEqualTo("jwrap guard: proxy protocol must be v1 or v2, not \"v3\"\n");
    }

    @Test
    void nothingToGuard_exit2() {
        assertThat(guard()).isEqualTo(2);
        assertThat(err()).startsWith("jwrap guard: nothing to guard");
    }

    @Test
    void incompleteGroup_isAUsageError() {
        assertThat(guard("--listen", "127.0.0.1:0", "--daemon", "sshd")).isEqualTo(2);
        assertThat(err()).contains("--to");
    }

    @Test
    void configTogetherWithCommandLineServices_isRefused() throws Exception {
        Files.writeString(dir.resolve("guard.conf"), "service sshd listen 127.0.0.1:2222 to 127.0.0.1:22\n");
        assertThat(guard("--config", "guard.conf", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:22", "--daemon",
                "sshd")).isEqualTo(2);
        assertThat(err()).startsWith("jwrap guard: --config FILE holds the services");
    }

    @Test
    void badDuration_isOneLine() {
        assertThat(guard("--listen", "127.0.0.1:0", "--to", "127.0.0.1:22", "--daemon", "sshd", "--idle-timeout",
                "soon")).isEqualTo(2);
        assertThat(err()).isEqualTo("jwrap guard: \"soon\" is not a duration (e.g. 30s, 500ms, 5m)\n");
    }

    @Test
    void zeroLoops_isOneLine_exit2() {
        assertThat(guard("--listen", "127.0.0.1:0", "--to", "127.0.0.1:22", "--daemon", "sshd", "--loops", "0"))
                .isEqualTo(2);
        assertThat(err()).isEqualTo("jwrap guard: --loops must be at least 1, got 0\n");
    }
}
