package dev.jwrap.audit.harden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What harden must not lock out (spec §5.6) on the running system: whether sshd reads the access
 * tables (it maps {@code libwrap.so}), the address the administrator is logged in from, and the
 * programs this process runs under (a telnet session has {@code in.telnetd} among them). Immutable.
 *
 * @param live whether the audited root is the running system
 * @param sshdWrapped whether a running sshd links libwrap
 * @param address the current SSH session's client address, or null
 * @param ancestors the command names of this process's parents, nearest first
 */
public record AdminSession(boolean live, boolean sshdWrapped, String address, List<String> ancestors) {

    /** A tree that is not the running system: only the command line's networks count. */
    public static final AdminSession NONE = new AdminSession(false, false, null, List.of());

    /** How far up the parent chain to look: far more than any login nests. */
    private static final int MAX_ANCESTORS = 64;

    public AdminSession {
        ancestors = List.copyOf(ancestors);
    }

    /** A session whose parent chain is not known. */
    public AdminSession(boolean live, boolean sshdWrapped, String address) {
        this(live, sshdWrapped, address, List.of());
    }

    /**
     * Looks at the running system: {@code SSH_CONNECTION} / {@code SSH_CLIENT} for the session's
     * address, in jwrap's environment or else in the nearest parent's that has it (sudo drops it
     * from the environment it passes on; root can read the parents'), {@code /proc/PID/maps} of
     * every {@code sshd} for libwrap, and the parent chain's command names.
     */
    public static AdminSession detect(Map<String, String> env, Path proc) {
        String address = sessionAddress(env);
        List<String> ancestors = new ArrayList<>();
        String pid = ppid(proc.resolve("self"));
        for (int i = 0; i < MAX_ANCESTORS && pid != null && !pid.equals("0"); i++) {
            Path p = proc.resolve(pid);
            String comm = read(p.resolve("comm"));
            if (comm == null) {
                break;
            }
            ancestors.add(comm.strip());
            if (address == null) {
                address = sessionAddress(environ(p));
            }
            pid = ppid(p);
        }
        return new AdminSession(true, sshdWrapped(proc), address, ancestors);
    }

    private static String sessionAddress(Map<String, String> env) {
        String conn = env.getOrDefault("SSH_CONNECTION", env.get("SSH_CLIENT"));
        return conn == null || conn.isBlank() ? null : conn.strip().split("\\s+")[0];
    }

    private static Map<String, String> environ(Path pid) {
        String text = read(pid.resolve("environ"));
        Map<String, String> env = new java.util.HashMap<>();
        if (text != null) {
            for (String kv : text.split("\0")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    env.putIfAbsent(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return env;
    }

    private static String ppid(Path pid) {
        String status = read(pid.resolve("status"));
        if (status == null) {
            return null;
        }
        return status.lines().filter(l -> l.startsWith("PPid:")).map(l -> l.substring(5).strip()).findFirst().orElse(null);
    }

    /** A /proc file, or null when the process is gone or not ours to read. */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean sshdWrapped(Path proc) {
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                String comm = read(pid.resolve("comm"));
                if (comm != null && comm.strip().equals("sshd")) {
                    String maps = read(pid.resolve("maps"));
                    if (maps != null && maps.contains("libwrap.so")) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
