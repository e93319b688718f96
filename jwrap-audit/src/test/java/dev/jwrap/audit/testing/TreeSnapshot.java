package dev.jwrap.audit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A directory tree's whole state: every file with its sha256, every directory, for "nothing changed" checks. */
public final class TreeSnapshot {

    private TreeSnapshot() {}

    public static TreeMap<String, String> of(Path root) throws IOException {
        TreeMap<String, String> map = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p)) {
                    map.put(root.relativize(p).toString(),
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } else if (Files.isDirectory(p)) {
                    map.put(root.relativize(p) + "/", "dir");
                }
            }
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return map;
    }
}
