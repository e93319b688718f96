package dev.jwrap.core.tools;

import java.nio.file.Path;

/**
 * tcpdchk's {@code check_path}: stat a path and warn when it, or for an absolute path any
 * directory above it, is world-writable — anyone could then replace the file the check is about.
 */
final class PathCheck {

    private final PathProbe probe;
    private final Path cwd;
    private final ToolContext context;

    PathCheck(PathProbe probe, Path cwd, ToolContext context) {
        this.probe = probe;
        this.cwd = cwd;
        this.context = context;
    }

    /** Stats {@code path} (as the C code does, without warnings); relative to the working directory. */
    PathProbe.Status stat(String path) {
        Path p;
        try {
            p = cwd.resolve(path);
        } catch (RuntimeException e) {
            return PathProbe.Status.failed(PathProbe.ENOENT); // a NUL byte ends the C string: no such file
        }
        return probe.stat(p);
    }

    /** Stats {@code path}, warning about world-writable components; the status of the path itself. */
    PathProbe.Status check(String path) {
        PathProbe.Status status = stat(path);
        if (!status.exists()) {
            return status;
        }
        if ((status.mode() & 0002) != 0) {
            context.warn(path + ": world writable");
        }
        if (path.startsWith("/") && path.length() > 1) {
            String parent = path.substring(0, path.lastIndexOf('/'));
            check(parent.isEmpty() ? "/" : parent);
        }
        return status;
    }
}
