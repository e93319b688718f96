package dev.jwrap.audit.harden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What harden must not lock out (spec §5.6) on the running system: whether sshd reads the access
 * tables (it maps {@code libwrap.so}), and the address the administrator is logged in from.
 * Immutable.
 *
 * @param live whether the audited root is the running system
 * @param sshdWrapped whether a running sshd links libwrap
 * @param address the current SSH session's client address, or null
 */
public record AdminSession(boolean live, boolean sshdWrapped, String address) {

    /** A tree that is not the running system: only the command line's networks count. */
    public static final AdminSession NONE = new AdminSession(false, false, null);

    /**
     * Looks at the running system: {@code SSH_CONNECTION} / {@code SSH_CLIENT} for the session's
     * address, and {@code /proc/PID/maps} of every {@code sshd} for libwrap.
     */
    public static AdminSession detect(Map<String, String> env, Path proc) {
        String conn = env.getOrDefault("SSH_CONNECTION", env.get("SSH_CLIENT"));
        String address = conn == null || conn.isBlank() ? null : conn.strip().split("\\s+")[0];
        return new AdminSession(true, sshdWrapped(proc), address);
    }

    private static boolean sshdWrapped(Path proc) {
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                try {
                    if (Files.readString(pid.resolve("comm"), StandardCharsets.ISO_8859_1).strip().equals("sshd")
                            && Files.readString(pid.resolve("maps"), StandardCharsets.ISO_8859_1).contains("libwrap.so")) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
