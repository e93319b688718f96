package dev.jwrap.core.tools;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        } catch (NoSuchFileException e) {
            return Status.failed(ENOENT);
        } catch (AccessDeniedException e) {
            return Status.failed("Permission denied");
        } catch (FileSystemException e) {
            return Status.failed(strerror(e));
        } catch (IOException e) {
            return Status.failed(e.getMessage() == null ? "Input/output error" : e.getMessage());
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

    /** The C library's words for a failure the JDK reports in its own (ELOOP gets a suffix). */
    private static String strerror(FileSystemException e) {
        String reason = e.getReason();
        if (reason == null) {
            return "Input/output error";
        }
        String loop = "Too many levels of symbolic links";
        return reason.startsWith(loop) ? loop : reason;
    }
}
