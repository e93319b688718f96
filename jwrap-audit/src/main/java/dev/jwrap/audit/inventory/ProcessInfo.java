package dev.jwrap.audit.inventory;

import java.util.List;
import java.util.Objects;

/**
 * What /proc says about one process that holds a listening socket.
 *
 * @param pid the process id
 * @param ppid the parent's pid, 0 when unknown
 * @param comm the kernel's 15-character name ({@code /proc/PID/comm})
 * @param exe the binary ({@code /proc/PID/exe}), null when it cannot be read; a
 *     {@code " (deleted)"} suffix means the file was replaced since the start
 * @param cmdline the arguments; empty for kernel threads and zombies
 * @param uid the real uid, -1 when unknown
 * @param unit the systemd unit from the cgroup path ({@code ssh.service}), null when none
 */
public record ProcessInfo(int pid, int ppid, String comm, String exe, List<String> cmdline, int uid, String unit) {

    public ProcessInfo {
        Objects.requireNonNull(comm, "comm");
        cmdline = List.copyOf(cmdline);
    }

    /**
     * Whether the program rewrote its title (setproctitle): the binary's name occurs nowhere in
     * argv[0]. Unknown (false) when the binary or the arguments cannot be read.
     */
    public boolean titleRewritten() {
        if (exe == null || cmdline.isEmpty()) {
            return false;
        }
        String path = exe.endsWith(" (deleted)") ? exe.substring(0, exe.length() - " (deleted)".length()) : exe;
        String base = path.substring(path.lastIndexOf('/') + 1);
        return !cmdline.getFirst().contains(base);
    }
}
