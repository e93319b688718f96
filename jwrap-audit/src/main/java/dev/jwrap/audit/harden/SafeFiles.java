package dev.jwrap.audit.harden;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * File writes that never leave a file half-written (spec §5.4): the new bytes go to a temporary
 * file in the same directory, are forced to disk, get the old file's owner, group, mode, ACL and
 * SELinux label, and replace the file with one rename; then the directory is forced too. On any failure the temporary
 * file is removed and the file is untouched. Stateless.
 */
final class SafeFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SafeFiles() {}

    /**
     * The owner, group, mode, POSIX ACL and SELinux label a file had, to give its replacement.
     *
     * @param attributes the ACL and label as extended attributes, by name; empty when it has none
     */
    record Ownership(UserPrincipal owner, GroupPrincipal group, Set<PosixFilePermission> mode, Map<String, byte[]> attributes) {

        static Ownership of(Path file) throws IOException {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
            return new Ownership(a.owner(), a.group(), a.permissions(), ExtendedAttributes.read(file));
        }
    }

    /**
     * Replaces {@code file} with {@code bytes} atomically.
     *
     * @param like the ownership to give the new file, or null to keep the process's defaults (a
     *     file that did not exist)
     */
    static void replace(Path file, byte[] bytes, Ownership like) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".jwrap-tmp." + HexFormat.of().toHexDigits(RANDOM.nextInt()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            give(tmp, like);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(file + ": the file system cannot replace it atomically", e);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a new file that must not exist yet ({@code O_CREAT|O_EXCL}), forced to disk. */
    static void createNew(Path file, byte[] bytes, Ownership like) throws FileAlreadyExistsException, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        give(file, like);
        forceDirectory(file.toAbsolutePath().getParent());
    }

    /** Gives a new file an owner, group and mode (null: keep the defaults); changing the owner needs root. */
    private static void give(Path file, Ownership like) throws IOException {
        if (like == null) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (!view.getOwner().equals(like.owner())) {
            view.setOwner(like.owner());
        }
        if (!view.readAttributes().group().equals(like.group())) {
            view.setGroup(like.group());
        }
        view.setPermissions(like.mode());
        ExtendedAttributes.write(file, like.attributes()); // after the mode: an ACL carries its own mask
    }

    /** Forces a directory's entries to disk (Linux allows fsync on a directory opened read-only). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Whether {@code file} can be replaced: its directory accepts a new file and the file (if any)
     * opens for writing. Leaves nothing behind and changes no byte.
     */
    static String writeProblem(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path probe = dir.resolve(".jwrap-probe." + HexFormat.of().toHexDigits(RANDOM.nextInt()));
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(Files.createFile(probe));
            if (Files.exists(file)) {
                FileChannel.open(file, StandardOpenOption.WRITE).close();
            }
            return null;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // nothing was created
            }
            return file + ": cannot write: " + Reasons.of(e);
        }
    }
}
