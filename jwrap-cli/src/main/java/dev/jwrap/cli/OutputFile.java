package dev.jwrap.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a command's document to the file named by {@code -o}: a regular file is replaced
 * atomically (a temporary file in its directory, then a rename), so a reader never sees half of
 * it and a failure leaves the old one. Anything else that already exists there (/dev/null,
 * /dev/stdout, a FIFO) is written into, as a shell redirection would: renaming over it would put a
 * regular file in place of the device, run as root. A symbolic link is followed, so the link stays
 * and its target gets the new content.
 */
final class OutputFile {

    private OutputFile() {}

    static void write(Path target, String text) throws IOException {
        Path file = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return;
        }
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
