package dev.jwrap.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hand-written case files under a test-resource directory ({@code cases/} for tcpdmatch).
 * The system property {@code jwrap.it.cases} (a glob over file names, e.g. {@code 04*}) selects a
 * subset.
 */
final class Corpus {

    static final String SELECT_PROPERTY = "jwrap.it.cases";

    private Corpus() {}

    /** The {@code *.case} files of a classpath directory, sorted by name. */
    static List<Path> files(String resourceDirectory) {
        URL url = Corpus.class.getClassLoader().getResource(resourceDirectory);
        if (url == null) {
            throw new IllegalStateException("no test resource directory " + resourceDirectory);
        }
        String glob = System.getProperty(SELECT_PROPERTY, "*");
        PathMatcher selected = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> list = Files.list(Path.of(url.toURI()))) {
            return list.filter(p -> p.getFileName().toString().endsWith(".case"))
                    .filter(p -> selected.matches(p.getFileName()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CaseFile read(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.case$", "");
        try {
            return CaseFileReader.read(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
