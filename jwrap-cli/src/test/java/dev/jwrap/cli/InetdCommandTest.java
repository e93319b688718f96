package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwrap inetd --check} and the command line; serving is covered by the supervisor's ITs. */
class InetdCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void privateServices() throws IOException {
        Files.writeString(dir.resolve("services"), "echo 17007/tcp\necho 17007/udp\n");
    }

    private int inetd(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "inetd";
        System.arraycopy(args, 0, argv, 1, args.length);
        return Jwrap.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), argv);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void check_validConfig_printsNothing_andExitsZero() throws IOException {
        Files.writeString(dir.resolve("inetd.conf"), "127.0.0.1:echo stream tcp4 nowait root internal\n");

        assertThat(inetd("--check", "--services", "services", "inetd.conf")).isZero();
        assertThat(out()).isEmpty();
    }

    @Test
    void check_badLine_printsFileAndLine_andExitsOne() throws IOException {
        Files.writeString(dir.resolve("inetd.conf"), """
                127.0.0.1:echo stream tcp4 nowait root internal
                echo stream tcp4
                """);

        assertThat(inetd("--check", "--services", "services", "inetd.conf")).isEqualTo(1);
        assertThat(out()).containsPattern("(?m)^\\S*inetd\\.conf:2: \\S");
    }

    @Test
    void check_missingConfig_saysSo_andExitsOne() {
        assertThat(inetd("--check", "--services", "services", "nowhere.conf")).isEqualTo(1);
        assertThat(out()).contains("nowhere.conf: No such file or directory");
    }

    @Test
    void unknownOption_exitsOne_likeInetd() {
        assertThat(inetd("-x")).isEqualTo(1);
    }

    @Test
    void metrics_onANonLoopbackAddress_isRefusedInOneLine_andExitsOne() {
        assertThat(inetd("--metrics", "192.0.2.1:9101", "--services", "services", "inetd.conf")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("inetd: --metrics 192.0.2.1:9101: 192.0.2.1 is "
                + "not a loopback address; add --metrics-allow-remote to serve metrics beyond this host"
                + System.lineSeparator());
    }

    @Test
    void logFormat_otherThanTextOrJson_exitsOne() {
        assertThat(inetd("--log-format", "xml", "--services", "services", "inetd.conf")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--log-format", "xml");
    }
}
