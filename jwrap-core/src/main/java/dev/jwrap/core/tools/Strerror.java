package dev.jwrap.core.tools;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The C library's {@code strerror} words for the JDK's I/O exceptions, as the C tools print them. */
final class Strerror {

    private static final String ELOOP = "Too many levels of symbolic links";

    private Strerror() {}

    static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return PathProbe.ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            // the JDK adds "or unable to access attributes of symbolic link" to ELOOP
            return fse.getReason().startsWith(ELOOP) ? ELOOP : fse.getReason();
        }
        return e.getMessage() == null ? "Input/output error" : e.getMessage();
    }
}
