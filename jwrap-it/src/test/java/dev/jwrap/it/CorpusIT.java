package dev.jwrap.it;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every hand-written case file through the real C tool and through {@code jwrap}, and
 * compares standard output and exit status (see {@link Differential}). The oracle is also run
 * twice per run: a case whose answer changes between runs is a broken case.
 */
class CorpusIT {

    private static Differential differential;

    @BeforeAll
    static void startOracle() throws IOException {
        differential = Differential.start(true);
    }

    @AfterAll
    static void stopOracle() throws IOException {
        if (differential != null) {
            differential.close();
        }
    }

    /** {@code src/test/resources/cases}: tcpdmatch vs {@code jwrap match}. */
    @TestFactory
    Stream<DynamicTest> matchCorpus() {
        return tests("cases");
    }

    /** {@code src/test/resources/pending/check}: tcpdchk vs {@code jwrap check}. */
    @TestFactory
    Stream<DynamicTest> checkCorpus() {
        return tests("pending/check");
    }

    private static Stream<DynamicTest> tests(String directory) {
        return Corpus.files(directory).stream().map(CorpusIT::test);
    }

    private static DynamicTest test(Path file) {
        return dynamicTest(file.getFileName().toString(), file.toUri(), () -> differential.assertAgree(Corpus.read(file)));
    }
}
