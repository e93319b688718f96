package dev.jwrap.audit.inventory;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link Inventory} of a host from {@code ROOT/proc} alone (no ss, netstat, lsof or
 * netlink): the socket tables of {@code proc/net}, the inode-to-process walk of
 * {@code proc/PID/fd}, and {@code etc/passwd} for user names. With ROOT {@code /} it is the running
 * host (the network namespace of this process); a prepared directory tree works the same way.
 * Not thread-safe: one per inventory.
 */
public final class InventoryReader {

    private final Path root;
    private final ByteOrder order;

    /** Reads the tree under {@code root}, whose /proc was written by a machine of the given byte order. */
    public InventoryReader(Path root, ByteOrder order) {
        this.root = root;
        this.order = order;
    }

    /** Reads the running host's byte order: right for /proc and for trees copied from a like machine. */
    public InventoryReader(Path root) {
        this(root, ByteOrder.nativeOrder());
    }

    /**
     * Reads every listening TCP, UDP and raw socket, IPv4 and IPv6.
     *
     * @throws IOException when ROOT/proc cannot be listed at all
     */
    public Inventory read() throws IOException {
        Path proc = root.resolve("proc");
        if (!Files.isDirectory(proc)) {
            throw new NoSuchFileException(proc.toString(), null, "no proc directory");
        }
        List<String> warnings = new ArrayList<>();
        List<String> limitations = new ArrayList<>();
        ProcNetParser parser = new ProcNetParser(order);
        List<SocketLine> sockets = new ArrayList<>();
        for (Transport t : Transport.values()) {
            for (boolean v6 : new boolean[] {false, true}) {
                Path file = proc.resolve("net").resolve(t.file(v6));
                try {
                    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                    sockets.addAll(parser.parse(file.toString(), t, v6, text, true, warnings::add));
                } catch (NoSuchFileException e) {
                    // no such table: IPv6 disabled, or a tree without raw sockets
                } catch (IOException e) {
                    limitations.add("cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        Set<Long> inodes = new HashSet<>();
        for (SocketLine s : sockets) {
            if (s.inode() != 0) {
                inodes.add(s.inode());
            }
        }
        ProcessTable processes = new ProcessTable(proc);
        processes.walk(inodes);
        Map<Integer, String> users = new UserNames(root).read();
        List<Listener> listeners = new ArrayList<>();
        for (SocketLine s : sockets) {
            listeners.add(listener(s, sockets, processes, users));
        }
        listeners.sort(ORDER);
        long unknown = listeners.stream().filter(l -> "permission".equals(l.ownerUnknown())).count();
        if (unknown > 0) {
            limitations.add(unknown + " of " + listeners.size() + " listeners have an unknown owner: permission denied on "
                    + deniedText(processes.deniedPids()) + " (only root with CAP_SYS_PTRACE sees process names)");
        }
        return new Inventory(listeners, limitations, warnings);
    }

    static final Comparator<Listener> ORDER = Comparator.comparing(Listener::transport)
            .thenComparing(Listener::family)
            .thenComparing(l -> l.address().getAddress(), java.util.Arrays::compareUnsigned)
            .thenComparingInt(Listener::port)
            .thenComparingLong(l -> l.socket().inode());

    private static String deniedText(Set<Integer> pids) {
        List<String> paths = new ArrayList<>();
        for (int pid : pids) {
            if (paths.size() == 5) {
                paths.add("... (" + pids.size() + " processes)");
                break;
            }
            paths.add("/proc/" + pid + "/fd");
        }
        return String.join(", ", paths);
    }

    private static Listener listener(SocketLine s, List<SocketLine> all, ProcessTable processes, Map<Integer, String> users) {
        List<ProcessInfo> holders = new ArrayList<>();
        for (int pid : processes.holders(s.inode())) {
            holders.add(processes.info(pid));
        }
        ProcessInfo owner = owner(holders);
        if (owner != null) {
            holders.remove(owner);
            holders.addFirst(owner);
        }
        String unknown = owner != null ? null : processes.deniedPids().isEmpty() ? "not-found" : "permission";
        String user = users.getOrDefault(s.uid(), Integer.toString(s.uid()));
        return new Listener(s, Exposure.of(s.local()), dualStack(s, all), owner, unknown, holders, user);
    }

    /**
     * The holder whose parent holds no copy: the process that opened the socket and handed it to
     * its children (inetd and its forks). Ties go to the lowest pid.
     */
    static ProcessInfo owner(List<ProcessInfo> holders) {
        Set<Integer> pids = new HashSet<>();
        holders.forEach(h -> pids.add(h.pid()));
        return holders.stream()
                .filter(h -> !pids.contains(h.ppid()))
                .min(Comparator.comparingInt(ProcessInfo::pid))
                .orElse(holders.stream().min(Comparator.comparingInt(ProcessInfo::pid)).orElse(null));
    }

    /**
     * /proc does not show IPV6_V6ONLY. An IPv4 socket of the same transport on the same port means
     * the IPv6 wildcard socket cannot be dual-stack (its bind would have failed), barring SO_REUSEPORT.
     */
    private static String dualStack(SocketLine s, List<SocketLine> all) {
        if (!s.ipv6Socket() || s.mapped() || !s.local().isAnyLocalAddress()) {
            return null;
        }
        for (SocketLine o : all) {
            if (!o.ipv6Socket() && o.transport() == s.transport() && o.localPort() == s.localPort()) {
                return "false-inferred";
            }
        }
        return "unknown";
    }
}
