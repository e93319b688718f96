package dev.jwrap.inetd.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * The server's PID file (inetd.md §1, step 6): the process id and a newline, written when the
 * server starts and removed when it shuts down. jwrap's default name differs from openbsd-inetd's
 * {@code /run/inetd.pid}, so the two never overwrite each other's. The file is replaced atomically
 * (written beside it, then renamed), so a reader never sees half a number.
 */
public final class PidFile implements AutoCloseable {

    /** Where {@code jwrap inetd} writes its PID unless told otherwise. */
    public static final Path DEFAULT = Path.of("/run/jwrap-inetd.pid");

    private final Path path;
    private final String content;

    private PidFile(Path path, String content) {
        this.path = path;
        this.content = content;
    }

    /** Writes {@code pid} to {@code path}. */
    public static PidFile write(Path path, long pid) throws IOException {
        Objects.requireNonNull(path, "path");
        String content = pid + "\n";
        Path temporary = path.resolveSibling("." + path.getFileName() + "." + pid + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return new PidFile(path, content);
    }

    public Path path() {
        return path;
    }

    /** Removes the file, unless another process has written its own PID there meanwhile. */
    @Override
    public void close() {
        try {
            if (content.equals(Files.readString(path, StandardCharsets.US_ASCII))) {
                Files.delete(path);
            }
        } catch (IOException gone) {
            // removed already, or unreadable: nothing of ours left to remove
        }
    }
}
