package dev.jwrap.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An access table to read: where it is, and the name diagnostics call it by ({@code hosts.allow}
 * for {@code tcpdmatch -d}, {@code /etc/hosts.allow} normally).
 */
public record TableFile(String name, Path path) {

    public TableFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }

    public static TableFile of(Path path) {
        return new TableFile(path.toString(), path);
    }

    public static final TableFile SYSTEM_ALLOW = of(Path.of("/etc/hosts.allow"));
    public static final TableFile SYSTEM_DENY = of(Path.of("/etc/hosts.deny"));
}
