package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code -o FILE} of export and harden: atomic for regular files, never replacing anything else. */
class OutputFileTest {

    @TempDir
    Path dir;

    @Test
    void aRegularFileIsReplacedByANewOne_andNoTemporaryFileStays() throws IOException {
        Path file = Files.writeString(dir.resolve("rules.nft"), "old\n");
        Object before = Files.readAttributes(file, "unix:ino").get("ino");

        OutputFile.write(file, "new\n");

        assertThat(file).hasContent("new");
        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).as("renamed into place").isNotEqualTo(before);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aSymbolicLinkStays_andItsTargetGetsTheContent() throws IOException {
        Path target = Files.writeString(dir.resolve("real.pf"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.pf"), target.getFileName());

        OutputFile.write(link, "new\n");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(target).hasContent("new");
    }

    @Test
    void aFifoIsWrittenInto_notReplacedByARegularFile() throws Exception {
        // stands for /dev/null or /dev/stdout: a rename over those, as root, would put a file in their place
        Path fifo = dir.resolve("pipe");
        assertThat(ChildProcess.run(List.of("mkfifo", fifo.toString()), Duration.ofSeconds(30)).status()).isZero();
        FutureTask<String> reader = new FutureTask<>(() -> Files.readString(fifo, StandardCharsets.UTF_8));
        Thread.ofVirtual().start(reader);

        OutputFile.write(fifo, "through the pipe\n");

        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo("through the pipe\n");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.readAttributes(fifo, "unix:mode").get("mode")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.INTEGER).matches(m -> (m & 0170000) == 0010000, "is a FIFO");
    }
}
