package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real JVM replaces itself with a shell: same pid, only fds 0-2, clean mask, the request's environment. */
class ProcessReplacerIT {

    private static Process startJvm(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ExecMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void jvmBecomesTheProgramWithTheSamePid() throws Exception {
        Process jvm = startJvm();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).isZero();

        List<String> lines = out.lines().toList();
        String pid = lines.getFirst().substring("jvm=".length());
        assertThat(lines).containsExactly("jvm=" + pid, "pid=" + pid, "0", "1", "2",
                lines.get(5), "A=1", "Umask:\t0077", "SigBlk:\t0000000000000000");
        assertThat(lines.get(5)).startsWith("pipe:[");
    }

    @Test
    void missingProgramLeavesTheJvmRunningWithAClearError() throws Exception {
        Process jvm = startJvm("/nonexistent/daemon");
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).isEqualTo(3);
        assertThat(out).endsWith("failed: execv /nonexistent/daemon: No such file or directory\n");
    }
}
