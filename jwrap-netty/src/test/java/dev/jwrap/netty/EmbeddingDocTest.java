package dev.jwrap.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/EMBEDDING.md shows code from the example programs that the ITs run; every line of its Java
 * blocks must still be in one of them, so the document cannot drift from code that works.
 */
class EmbeddingDocTest {

    private static final Path ROOT = Path.of("..");
    private static final List<Path> EXAMPLES = List.of(
            ROOT.resolve("jwrap-host/src/test/java/dev/jwrap/host/embed/example/PlainEchoServer.java"),
            ROOT.resolve("jwrap-netty/src/test/java/dev/jwrap/netty/example/NettyEchoServer.java"));

    @Test
    void everyJavaLineOfTheDocumentIsInAnExample() throws IOException {
        Set<String> exampleLines = new java.util.HashSet<>();
        for (Path example : EXAMPLES) {
            Files.readAllLines(example).forEach(line -> exampleLines.add(line.strip()));
        }
        List<String> docLines = javaBlockLines(Files.readAllLines(ROOT.resolve("docs/EMBEDDING.md")));
        assertThat(docLines).hasSizeGreaterThan(20);
        assertThat(docLines.stream().filter(line -> !exampleLines.contains(line)).collect(Collectors.toList()))
                .as("lines of docs/EMBEDDING.md found in no example program")
                .isEmpty();
    }

    private static List<String> javaBlockLines(List<String> doc) {
        List<String> lines = new ArrayList<>();
        boolean inJava = false;
        for (String line : doc) {
            if (line.startsWith("```")) {
                inJava = line.equals("```java");
            } else if (inJava && !line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
