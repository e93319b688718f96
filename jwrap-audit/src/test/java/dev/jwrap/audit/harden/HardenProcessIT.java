package dev.jwrap.audit.harden;

import static dev.jwrap.audit.harden.HardenerTest.DENY_ADDITION;
import static dev.jwrap.audit.harden.HardenerTest.GOLDEN_INPUT;
import static dev.jwrap.audit.harden.HardenerTest.GOLDEN_OUTPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jwrap.audit.testing.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** harden in a process of its own: killed midway, and on a read-only tree. */
class HardenProcessIT {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run run(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(JAVA, "-cp", System.getProperty("java.class.path"), HardenMain.class.getName()));
        cmd.addAll(List.of(args));
        Path outFile = Files.createTempFile("harden-out", ".txt");
        Path errFile = Files.createTempFile("harden-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("harden process did not finish in 60 s");
            }
            return new Run(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }

    private String file(String path) {
        return new String(new Tree(dir).bytes(path), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "killed after {0} file(s)")
    @ValueSource(ints = {1, 2})
    void aHardenKilledMidwayLeavesEveryFileOldOrNew_andUndoRestoresAll(int crashAfter) throws Exception {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/hosts.deny", "# deny\n");

        Run killed = run(List.of(), "harden", dir.toString(), Integer.toString(crashAfter));

        assertThat(killed.status()).isEqualTo(137);
        assertThat(file("etc/inetd.conf")).isIn(GOLDEN_INPUT, GOLDEN_OUTPUT);
        assertThat(file("etc/hosts.deny")).isIn("# deny\n", "# deny\n" + DENY_ADDITION);
        assertThat(file("etc/inetd.conf")).isEqualTo(GOLDEN_OUTPUT); // the first file written
        assertThat(leftovers()).isEmpty();

        Run undo = run(List.of(), "undo", dir.toString());
        assertThat(undo.status()).as(undo.err()).isZero();
        assertThat(file("etc/inetd.conf")).isEqualTo(GOLDEN_INPUT);
        assertThat(file("etc/hosts.deny")).isEqualTo("# deny\n");
    }

    @Test
    void theNextHardenUndoesAnInterruptedRunFirst() throws Exception {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/hosts.deny", "# deny\n");
        assertThat(run(List.of(), "harden", dir.toString(), "1").status()).isEqualTo(137);

        Run again = run(List.of(), "harden", dir.toString(), "0");

        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("an earlier harden run was interrupted: undoing it first");
        assertThat(file("etc/inetd.conf")).isEqualTo(GOLDEN_OUTPUT);
        assertThat(file("etc/hosts.deny")).isEqualTo("# deny\n" + DENY_ADDITION);
        assertThat(run(List.of(), "undo", dir.toString()).status()).isZero();
        assertThat(file("etc/inetd.conf")).isEqualTo(GOLDEN_INPUT);
    }

    @Test
    void aReadOnlyTreeIsRefusedWithNothingWritten() throws Exception {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/hosts.deny", "# deny\n");
        TreeMap<String, String> before = HardenerTest.snapshot(dir);
        List<String> prefix;
        if ("root".equals(System.getProperty("user.name"))) {
            // root writes through file modes: make the tree a read-only bind mount in a private mount namespace
            requireTool("/usr/bin/unshare", "util-linux");
            prefix = List.of("unshare", "-m", "sh", "-c",
                    "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" && exec \"$@\"", dir.toString());
        } else {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.toList()) {
                    p.toFile().setWritable(false, false);
                }
            }
            prefix = List.of();
        }
        Run r = run(prefix, "harden", dir.toString(), "0");
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("jwrap harden: ").contains("cannot write").hasLineCount(1);
        assertThat(HardenerTest.snapshot(dir)).isEqualTo(before);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".jwrap-tmp.")).toList();
        }
    }

    private static void requireTool(String path, String pkg) {
        boolean present = Files.isExecutable(Path.of(path));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(path + " missing (install " + pkg + "); CI=true: failing instead of skipping");
        }
        assumeTrue(present, path + " missing (install " + pkg + ")");
    }
}
