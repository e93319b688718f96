package dev.jwrap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory that dpkg treats as the root of a machine of its own ({@code dpkg --root}): its own
 * package database under {@code var/lib/dpkg}, starting empty, so the host's /usr, /etc and dpkg
 * database are never touched. The package has no maintainer scripts; its one dependency, libc6, is
 * the host's (the installed programs run on the host), so dependencies are not checked here.
 */
final class ThrowAwayRoot {

    private final Path root;

    private ThrowAwayRoot(Path root) {
        this.root = root;
    }

    /** An empty root in {@code dir} with a fresh dpkg database. */
    static ThrowAwayRoot create(Path dir) throws IOException {
        Path admin = dir.resolve("var/lib/dpkg");
        for (String sub : List.of("info", "updates", "triggers", "alternatives")) {
            Files.createDirectories(admin.resolve(sub));
        }
        Files.writeString(admin.resolve("status"), "");
        Files.writeString(admin.resolve("available"), "");
        return new ThrowAwayRoot(dir);
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** {@code dpkg -i DEB} into this root. */
    void install(Path deb) {
        dpkg("--install", deb.toString());
    }

    /** {@code dpkg -r PACKAGE}: removes the package's files but its conffiles. */
    void remove(String pkg) {
        dpkg("--remove", pkg);
    }

    /** A path inside this root, given as an absolute path of the machine it stands for. */
    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    Path dir() {
        return root;
    }

    private void dpkg(String... action) {
        List<String> command = new ArrayList<>(List.of("dpkg", "--root=" + root, "--log=/dev/null",
                "--force-script-chrootless", "--force-depends", "--no-triggers"));
        command.addAll(List.of(action));
        ChildProcess.Outcome run = Commands.run(root, command);
        assertThat(run.status()).as("%s:%n%s", command, run.all()).isZero();
    }
}
