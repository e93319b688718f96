package dev.jwrap.core.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * {@code stat(2)} as tcpdchk and tcpdmatch use it on paths they find in tables and inetd.conf:
 * the mode bits (type, set-uid/gid, permissions) or the C library's error text. Injected so that
 * tests decide what exists. The tools resolve relative paths against their working directory first.
 *
 * <p>Implementations are thread-safe.
 */
public interface PathProbe {

    /** strerror(ENOENT): the one failure the tools treat as "absent" rather than as a problem. */
    String ENOENT = "No such file or directory";

    /**
     * The answer of one {@code stat}.
     *
     * @param mode {@code st_mode} (S_IFMT type bits included), or -1 when stat failed
     * @param error the strerror text when stat failed, else null
     */
    record Status(int mode, String error) {

        public static Status of(int mode) {
            return new Status(mode, null);
        }

        public static Status failed(String error) {
            return new Status(-1, error);
        }

        public boolean exists() {
            return error == null;
        }

        /** Whether stat failed with ENOENT. */
        public boolean missing() {
            return ENOENT.equals(error);
        }

        public boolean isDirectory() {
            return exists() && (mode & 0170000) == 0040000;
        }
    }

    /** stat(2) of {@code path}, following symbolic links. */
    Status stat(Path path);

    /** The real file system. */
    PathProbe SYSTEM = p -> {
        try {
            return Status.of(mode(p));
        } catch (IOException e) {
            return Status.failed(Strerror.of(e));
        }
    };

    private static int mode(Path p) throws IOException {
        try {
            return (Integer) Files.getAttribute(p, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no "unix" attribute view: rebuild what the POSIX view knows (no set-uid bits)
            int mode = Files.isDirectory(p) ? 0040000 : 0100000;
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            for (PosixFilePermission perm : perms) {
                mode |= 1 << (8 - perm.ordinal());
            }
            return mode;
        }
    }
}
