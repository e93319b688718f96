package dev.jwrap.audit.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the processes that hold given socket inodes, by reading every {@code /proc/PID/fd/*} link
 * ({@code socket:[INODE]}), and reads what /proc tells about them. Processes and descriptors that
 * vanish during the walk are skipped; descriptor tables that cannot be read (another user's process
 * without root, or a supervisor outside our capabilities) are remembered so that the report can say
 * why an owner is unknown instead of guessing. Not thread-safe: one per inventory.
 */
final class ProcessTable {

    private final Path proc;
    private final Map<Long, List<Integer>> holders = new HashMap<>();
    private final Set<Integer> deniedPids = new TreeSet<>();
    private final Map<Integer, ProcessInfo> infos = new HashMap<>();

    ProcessTable(Path proc) {
        this.proc = proc;
    }

    /** Walks every process once and records which of the wanted inodes each one holds. */
    void walk(Set<Long> wanted) throws IOException {
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, ProcessTable::isPidDirectory)) {
            for (Path dir : pids) {
                scanFds(Integer.parseInt(dir.getFileName().toString()), dir.resolve("fd"), wanted);
            }
        }
    }

    private static boolean isPidDirectory(Path p) {
        String name = p.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9') && name.length() < 10;
    }

    private void scanFds(int pid, Path fdDir, Set<Long> wanted) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode == DENIED) {
                    deniedPids.add(pid); // the list is visible, the links are not (a supervisor outside our capabilities)
                } else if (inode > 0 && wanted.contains(inode)) {
                    List<Integer> list = holders.computeIfAbsent(inode, k -> new ArrayList<>());
                    if (!list.contains(pid)) { // two descriptors of one process count once
                        list.add(pid);
                    }
                }
            }
        } catch (AccessDeniedException e) {
            deniedPids.add(pid);
        } catch (IOException | RuntimeException e) {
            // the process ended while we looked (ENOENT/ESRCH): gone, not an error
        }
    }

    private static final long DENIED = -2;

    /**
     * The inode of a {@code socket:[N]} link, {@link #DENIED} when the link may not be read, or -1
     * for anything else (pipes, files, a descriptor closed since the listing).
     */
    private static long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Long.parseLong(target.substring(8, target.length() - 1));
            }
        } catch (AccessDeniedException e) {
            return DENIED;
        } catch (IOException | RuntimeException e) {
            // closed since the listing
        }
        return -1;
    }

    /** The pids holding an inode, in walk order; empty when none was visible. */
    List<Integer> holders(long inode) {
        return holders.getOrDefault(inode, List.of());
    }

    /** Pids whose descriptor table could not be read for lack of permission. */
    Set<Integer> deniedPids() {
        return deniedPids;
    }

    /** What /proc says about a process; read once, then cached. */
    ProcessInfo info(int pid) {
        return infos.computeIfAbsent(pid, this::read);
    }

    private ProcessInfo read(int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        String comm = text(dir.resolve("comm")).strip();
        List<String> cmdline = new ArrayList<>();
        for (String arg : text(dir.resolve("cmdline")).split("\0")) {
            if (!arg.isEmpty()) {
                cmdline.add(arg);
            }
        }
        String exe;
        try {
            exe = Files.readSymbolicLink(dir.resolve("exe")).toString();
        } catch (IOException | RuntimeException e) {
            exe = null;
        }
        int ppid = 0;
        int uid = -1;
        for (String line : text(dir.resolve("status")).split("\n")) {
            if (line.startsWith("PPid:")) {
                ppid = number(line.substring(5), 0);
            } else if (line.startsWith("Uid:")) {
                uid = number(line.substring(4), -1);
            }
        }
        return new ProcessInfo(pid, ppid, comm, exe, cmdline, uid, unit(text(dir.resolve("cgroup"))));
    }

    /** The first number of a status field, or the fallback when there is none. */
    private static int number(String field, int fallback) {
        String[] words = field.strip().split("\\s+");
        try {
            return Integer.parseInt(words[0]);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The systemd unit: the last element of a cgroup path that ends in .service or .socket. */
    static String unit(String cgroup) {
        String found = null;
        for (String line : cgroup.split("\n")) {
            for (String part : line.substring(line.lastIndexOf(':') + 1).split("/")) {
                if (part.endsWith(".service") || part.endsWith(".socket")) {
                    found = part;
                }
            }
        }
        return found;
    }

    private static String text(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return ""; // gone, or not readable: the field stays empty
        }
    }
}
