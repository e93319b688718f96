package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text report's colour (spec §6.1): on a real terminal (a pty from util-linux's {@code script})
 * the severities are coloured; through a pipe, or with {@code NO_COLOR} set, no escape sequence is
 * written. {@code jwrap audit} runs in a process of its own each time.
 */
class AuditColourIT {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final String ESC = "\u001b[";

    @TempDir
    Path dir;

    @BeforeEach
    void riskyTree() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/inetd.conf"), "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd\n");
    }

    private String jwrap() {
        return "'" + JAVA + "' -cp '" + System.getProperty("java.class.path") + "' dev.jwrap.cli.Main audit --root '" + dir + "'";
    }

    /** Runs {@code sh -c command} with the extra environment; returns standard output and error together. */
    private static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("NO_COLOR");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static List<String> onATerminal(String command) {
        return new ArrayList<>(List.of("script", "-qec", command, "/dev/null"));
    }

    @Test
    void colourOnATerminal_noneThroughAPipe_noneWithNoColor() throws Exception {
        Prerequisites.of("colour on a terminal").executable("/usr/bin/script", "apt-get install bsdutils").require();

        String tty = run(Map.of(), onATerminal(jwrap()).toArray(String[]::new));
        assertThat(tty).as(tty).contains(ESC + "1;31mHIGH  " + ESC + "0m INETD-RISKY", "findings: ");

        String piped = run(Map.of(), onATerminal(jwrap() + " | cat").toArray(String[]::new));
        assertThat(piped).contains("HIGH   INETD-RISKY").doesNotContain(ESC);

        String noColor = run(Map.of("NO_COLOR", "1"), onATerminal(jwrap()).toArray(String[]::new));
        assertThat(noColor).contains("HIGH   INETD-RISKY").doesNotContain(ESC);

        String plain = run(Map.of(), "sh", "-c", jwrap());
        assertThat(plain).contains("HIGH   INETD-RISKY").doesNotContain(ESC);
    }
}
