package dev.jwrap.audit.harden;

import static dev.jwrap.audit.harden.HardenerTest.DENY_ADDITION;
import static dev.jwrap.audit.harden.HardenerTest.GOLDEN_INPUT;
import static dev.jwrap.audit.harden.HardenerTest.GOLDEN_OUTPUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.testing.Tree;
import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
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

    private static ChildProcess.Outcome run(List<String> prefix, String... args) {
        return runWith(prefix, System.getProperty("java.class.path"), args);
    }

    private static ChildProcess.Outcome runWith(List<String> prefix, String classPath, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", classPath, HardenMain.class.getName()));
        cmd.addAll(List.of(args));
        return ChildProcess.run(cmd, Duration.ofMinutes(1));
    }

    private String file(String path) {
        return new String(new Tree(dir).bytes(path), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "killed after {0} file(s)")
    @ValueSource(ints = {1, 2})
    void aHardenKilledMidwayLeavesEveryFileOldOrNew_andUndoRestoresAll(int crashAfter) throws Exception {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/hosts.deny", "# deny\n");

        ChildProcess.Outcome killed = run(List.of(), "harden", dir.toString(), Integer.toString(crashAfter));

        assertThat(killed.status()).isEqualTo(137);
        assertThat(file("etc/inetd.conf")).isIn(GOLDEN_INPUT, GOLDEN_OUTPUT);
        assertThat(file("etc/hosts.deny")).isIn("# deny\n", "# deny\n" + DENY_ADDITION);
        assertThat(file("etc/inetd.conf")).isEqualTo(GOLDEN_OUTPUT); // the first file written
        assertThat(leftovers()).isEmpty();

        ChildProcess.Outcome undo = run(List.of(), "undo", dir.toString());
        assertThat(undo.status()).as(undo.stderr()).isZero();
        assertThat(file("etc/inetd.conf")).isEqualTo(GOLDEN_INPUT);
        assertThat(file("etc/hosts.deny")).isEqualTo("# deny\n");
    }

    @Test
    void theNextHardenUndoesAnInterruptedRunFirst() throws Exception {
        new Tree(dir).file("etc/inetd.conf", GOLDEN_INPUT).file("etc/hosts.deny", "# deny\n");
        assertThat(run(List.of(), "harden", dir.toString(), "1").status()).isEqualTo(137);

        ChildProcess.Outcome again = run(List.of(), "harden", dir.toString(), "0");

        assertThat(again.status()).as(again.stderr()).isZero();
        assertThat(again.stdout()).startsWith("an earlier harden run was interrupted: undoing it first");
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
        ChildProcess.Outcome r = run(prefix, "harden", dir.toString(), "0");
        assertThat(r.status()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("jwrap harden: ").contains("cannot write").hasLineCount(1);
        assertThat(HardenerTest.snapshot(dir)).isEqualTo(before);
    }

    /**
     * Checklist item 24 as written: a non-root user (uid 65534) who owns a tree that was made
     * read-only ({@code chmod -R a-w}) gets exit 2, one line, no byte changed and no temporary file;
     * the same user on the same tree made writable again hardens it (so the refusal is about the
     * modes, not the user). Root switches to the user with setpriv; the class path is copied where
     * that user can read it.
     */
    @Test
    void aReadOnlyTreeOwnedByANonRootUser_isRefusedWithNothingWritten() throws Exception {
        Prerequisites.of("harden as an unprivileged user")
                .root("needs root to switch to an unprivileged user")
                .executable("/usr/bin/setpriv", "util-linux")
                .require();
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String classPath = readableClassPath(dir.resolve("cp"));
        Path tree = dir.resolve("tree");
        new Tree(tree).file("etc/inetd.conf", "# crlf\r\ntelnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\r\n")
                .file("etc/hosts.deny", "# no final newline");
        chownAndChmod(tree, 65534, false);
        TreeMap<String, String> before = HardenerTest.snapshot(tree);
        List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

        ChildProcess.Outcome refused = runWith(asNobody, classPath, "harden", tree.toString(), "0");

        assertThat(refused.status()).as(refused.stderr() + refused.stdout()).isEqualTo(2);
        assertThat(refused.stderr()).startsWith("jwrap harden: ").contains("cannot write").hasLineCount(1);
        assertThat(HardenerTest.snapshot(tree)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();

        chownAndChmod(tree, 65534, true);
        ChildProcess.Outcome applied = runWith(asNobody, classPath, "harden", tree.toString(), "0");
        assertThat(applied.status()).as(applied.stderr()).isZero();
        assertThat(file("tree/etc/inetd.conf")).startsWith("# crlf\r\n# disabled by jwrap harden 2026-11-23: telnet");
        assertThat(Files.getAttribute(tree.resolve("etc/inetd.conf"), "unix:uid")).isEqualTo(65534);
        ChildProcess.Outcome undone = runWith(asNobody, classPath, "undo", tree.toString());
        assertThat(undone.status()).as(undone.stderr()).isZero();
        assertThat(file("tree/etc/inetd.conf")).isEqualTo("# crlf\r\ntelnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\r\n");
        assertThat(file("tree/etc/hosts.deny")).isEqualTo("# no final newline");
        assertThat(leftovers()).isEmpty();
    }

    /** Gives the tree to {@code uid} and makes it writable by its owner, or by nobody at all ({@code chmod -R a-w}). */
    private static void chownAndChmod(Path tree, int uid, boolean writable) throws IOException {
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.toList()) {
                Files.setAttribute(p, "unix:uid", uid);
                Files.setAttribute(p, "unix:gid", uid);
                String mode = Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--";
                if (writable) {
                    mode = "rw" + mode.substring(2);
                }
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
            }
        }
    }

    /** This JVM's class path copied under {@code into}, readable by every user. */
    private static String readableClassPath(Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = into.resolve(n++ + "-" + from.getFileName());
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target);
                    }
                }
            }
            entries.add(to.toString());
        }
        try (Stream<Path> s = Files.walk(into)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".jwrap-tmp.")).toList();
        }
    }

    private static void requireTool(String path, String pkg) {
        Prerequisites.of("harden in a process").executable(path, "install " + pkg).require();
    }
}
