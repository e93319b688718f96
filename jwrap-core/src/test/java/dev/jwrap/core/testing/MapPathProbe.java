package dev.jwrap.core.testing;

import dev.jwrap.core.tools.PathProbe;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A file system for stat(2) only: the paths it was told about; every other path is missing. */
public final class MapPathProbe implements PathProbe {

    private final Map<String, Status> paths = new HashMap<>();

    /** A regular file with these permission bits (and set-uid/gid bits, e.g. 04755). */
    public MapPathProbe file(String path, int mode) {
        paths.put(path, Status.of(0100000 | mode));
        return this;
    }

    /** A directory with these permission bits. */
    public MapPathProbe dir(String path, int mode) {
        paths.put(path, Status.of(0040000 | mode));
        return this;
    }

    /** A path whose stat fails with this error text. */
    public MapPathProbe error(String path, String error) {
        paths.put(path, Status.failed(error));
        return this;
    }

    @Override
    public Status stat(Path path) {
        return paths.getOrDefault(path.toString(), Status.failed(ENOENT));
    }
}
