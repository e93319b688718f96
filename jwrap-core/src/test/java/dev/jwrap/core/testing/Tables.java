package dev.jwrap.core.testing;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.TableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes hosts.allow / hosts.deny into a directory and loads them, for tests. */
public final class Tables {

    private Tables() {}

    public static AccessPolicy policy(Path dir, String allow, String deny) {
        try {
            if (allow != null) {
                Files.write(dir.resolve("hosts.allow"), allow.getBytes(StandardCharsets.ISO_8859_1));
            }
            if (deny != null) {
                Files.write(dir.resolve("hosts.deny"), deny.getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AccessPolicy.load(
                new TableFile("hosts.allow", dir.resolve("hosts.allow")), new TableFile("hosts.deny", dir.resolve("hosts.deny")));
    }
}
