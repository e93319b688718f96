package dev.jwrap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The package the build wrote (exactly one jwrap_*.deb in target/deb), and one installation of it. */
final class Packages {

    private static final Path DIR = Path.of(System.getProperty("jwrap.deb.dir", "target/deb"));

    private static ThrowAwayRoot installed;

    private Packages() {}

    /**
     * The package installed with dpkg into target/installed-root, made afresh once per test run and
     * shared by the tests that only use what it installed.
     */
    static synchronized ThrowAwayRoot installed() throws IOException {
        if (installed == null) {
            Path dir = DIR.toAbsolutePath().resolveSibling("installed-root");
            ThrowAwayRoot.deleteTree(dir);
            ThrowAwayRoot root = ThrowAwayRoot.create(dir);
            root.install(built());
            installed = root;
        }
        return installed;
    }

    static Path built() throws IOException {
        assertThat(DIR).as("made by ./mvnw package (dist/debian/build-deb.sh)").isDirectory();
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("jwrap_.*\\.deb")).toList();
            assertThat(debs).as("packages in %s", DIR).hasSize(1);
            return debs.getFirst();
        }
    }
}
