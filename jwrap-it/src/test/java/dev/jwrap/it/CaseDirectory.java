package dev.jwrap.it;

import dev.jwrap.it.CaseFile.DirEntry;
import dev.jwrap.it.CaseFile.Entry;
import dev.jwrap.it.CaseFile.FileEntry;
import dev.jwrap.it.CaseFile.ModeEntry;
import dev.jwrap.it.CaseFile.SymlinkEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A case's working directory on disk. Everything is world-readable (directories 755, files 644)
 * like a real {@code /etc}: tcpdmatch run as root really drops privileges for the {@code user}
 * option and then reads the tables of later address blocks as that user.
 */
final class CaseDirectory implements AutoCloseable {

    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;

    private CaseDirectory(Path root) {
        this.root = root;
    }

    /** Creates a fresh directory under the system temporary directory and fills it. */
    static CaseDirectory create(CaseFile c) throws IOException {
        Path root = Files.createTempDirectory("jwrap-it-");
        Files.setPosixFilePermissions(root, DIR_MODE);
        CaseDirectory dir = new CaseDirectory(root.toRealPath());
        for (Entry entry : c.entries()) {
            dir.add(entry);
        }
        for (Entry entry : c.entries()) {
            if (entry instanceof ModeEntry m) {
                Files.setPosixFilePermissions(dir.resolve(m.path()), PosixFilePermissions.fromString(modeString(m.mode())));
            }
        }
        return dir;
    }

    Path root() {
        return root;
    }

    /** The text {@value CaseFile#DIR} stands for. */
    String dirText() {
        return root.toString();
    }

    private void add(Entry entry) throws IOException {
        Path path = resolve(entry.path());
        switch (entry) {
            case FileEntry f -> {
                parents(path);
                Files.write(path, substitute(f.content()));
                Files.setPosixFilePermissions(path, FILE_MODE);
            }
            case DirEntry d -> {
                parents(path);
                Files.createDirectory(path);
                Files.setPosixFilePermissions(path, DIR_MODE);
            }
            case SymlinkEntry s -> {
                parents(path);
                Files.createSymbolicLink(path, Path.of(s.target().replace(CaseFile.DIR, dirText())));
            }
            case ModeEntry m -> {
                // applied after everything else exists
            }
        }
    }

    private void parents(Path path) throws IOException {
        for (Path p = root.relativize(path.getParent()); p != null && !p.toString().isEmpty(); p = p.getParent()) {
            Path abs = root.resolve(p);
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(abs);
                Files.setPosixFilePermissions(abs, DIR_MODE);
            }
        }
    }

    private Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("path leaves the case directory: " + relative);
        }
        return p;
    }

    private byte[] substitute(byte[] content) {
        byte[] marker = CaseFile.DIR.getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = dirText().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        int i = 0;
        while (i < content.length) {
            if (startsWith(content, i, marker)) {
                out.writeBytes(replacement);
                i += marker.length;
            } else {
                out.write(content[i++]);
            }
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] content, int at, byte[] prefix) {
        if (at + prefix.length > content.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (content[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static String modeString(int mode) {
        StringBuilder sb = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            sb.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, DIR_MODE);
                }
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
