package dev.jwrap.audit.harden;

import dev.jwrap.audit.inventory.Inventory;
import dev.jwrap.audit.inventory.InventoryReader;
import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.inventory.ProcessInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The super-servers that listen on this host, as the inventory sees them: openbsd-inetd, xinetd and
 * {@code jwrap inetd}, each with the sockets it holds. Immutable.
 *
 * @param sockets per super-server process, the listening sockets it owns ({@code tcp 127.0.0.1:23})
 * @param names per process, what it is ({@code inetd}, {@code xinetd}, {@code jwrap inetd})
 */
record SuperServers(Map<Integer, Set<String>> sockets, Map<Integer, String> names) {

    SuperServers {
        sockets = Map.copyOf(sockets);
        names = Map.copyOf(names);
    }

    /** What listens now, read from {@code root/proc}. */
    static SuperServers read(Path root) throws IOException {
        Inventory inventory = new InventoryReader(root).read();
        Map<Integer, Set<String>> sockets = new TreeMap<>();
        Map<Integer, String> names = new TreeMap<>();
        for (Listener l : inventory.listeners()) {
            ProcessInfo owner = l.owner();
            String kind = owner == null ? null : kind(owner);
            if (kind != null) {
                names.put(owner.pid(), kind);
                sockets.computeIfAbsent(owner.pid(), p -> new TreeSet<>()).add(socket(l));
            }
        }
        return new SuperServers(sockets, names);
    }

    /** {@code inetd}, {@code xinetd}, {@code jwrap inetd}, or null for any other program. */
    static String kind(ProcessInfo p) {
        if (p.comm().equals("inetd") || p.comm().equals("xinetd")) {
            return p.comm();
        }
        List<String> argv = p.cmdline();
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).toLowerCase(Locale.ROOT).contains("jwrap") && argv.subList(i + 1, argv.size()).contains("inetd")) {
                return "jwrap inetd";
            }
        }
        return null;
    }

    private static String socket(Listener l) {
        String address = l.addressText();
        return l.transport().word() + " " + (address.contains(":") ? "[" + address + "]" : address) + ":" + l.port();
    }

    /** The sockets any of these processes held here and no longer hold in {@code now}. */
    Set<String> closedIn(SuperServers now) {
        Set<String> closed = new TreeSet<>();
        sockets.forEach((pid, held) -> {
            Set<String> still = now.sockets().getOrDefault(pid, Set.of());
            held.stream().filter(s -> !still.contains(s)).forEach(closed::add);
        });
        return closed;
    }
}
