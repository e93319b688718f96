package dev.jwrap.audit.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads systemd socket units from their files alone, without D-Bus (spec §4.4): the unit
 * directories {@code etc/systemd/system}, {@code run/systemd/system}, {@code usr/lib/systemd/system}
 * and {@code lib/systemd/system} in that order (the first file of a name wins), drop-ins
 * {@code NAME.socket.d/*.conf} in name order (an empty {@code ListenStream=} resets the list),
 * masking (a link to /dev/null in /etc or /run) and enablement (a link in any {@code *.wants} or
 * {@code *.requires} directory). Stateless.
 */
public final class SystemdSockets {

    private static final List<String> UNIT_DIRS =
            List.of("etc/systemd/system", "run/systemd/system", "usr/lib/systemd/system", "lib/systemd/system");
    private static final Set<String> LISTEN_KEYS = Set.of("ListenStream", "ListenDatagram", "ListenSequentialPacket");

    private SystemdSockets() {}


    /** Reads every socket unit under {@code root}. */
    public static Parsed<SocketUnit> read(Path root) {
        TreeMap<String, Path> units = new TreeMap<>();
        Set<String> masked = new HashSet<>();
        Set<String> enabled = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (String d : UNIT_DIRS) {
            Path dir = root.resolve(d);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".socket") && !units.containsKey(n) && !masked.contains(n)) {
                        if (isMask(p) && (d.startsWith("etc") || d.startsWith("run"))) {
                            masked.add(n);
                        } else {
                            units.put(n, p);
                        }
                    } else if (Files.isDirectory(p) && (n.endsWith(".wants") || n.endsWith(".requires"))) {
                        try (Stream<Path> links = Files.list(p)) {
                            links.forEach(l -> enabled.add(l.getFileName().toString()));
                        }
                    }
                }
            } catch (IOException e) {
                problems.add("/" + d + ": cannot list: " + e.getMessage());
            }
        }
        List<SocketUnit> out = new ArrayList<>();
        for (String n : masked) {
            out.add(new SocketUnit(n, "/dev/null", List.of(), false, null, List.of(), enabled.contains(n), true));
        }
        units.forEach((n, p) -> out.add(unit(root, n, p, enabled.contains(n), problems)));
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return new Parsed<>(out, problems);
    }

    private static boolean isMask(Path p) {
        try {
            return Files.isSymbolicLink(p) && Files.readSymbolicLink(p).toString().equals("/dev/null");
        } catch (IOException e) {
            return false;
        }
    }

    private static SocketUnit unit(Path root, String name, Path file, boolean enabled, List<String> problems) {
        Settings s = new Settings();
        s.read(file, "/" + root.relativize(file), problems);
        for (String d : UNIT_DIRS) {
            Path dropDir = root.resolve(d).resolve(name + ".d");
            if (!Files.isDirectory(dropDir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dropDir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".conf")).sorted()
                        .forEach(f -> s.read(f, "/" + root.relativize(f), problems));
            } catch (IOException e) {
                problems.add("/" + root.relativize(dropDir) + ": cannot list: " + e.getMessage());
            }
        }
        return new SocketUnit(name, "/" + root.relativize(file), s.listens, s.accept, s.service, s.allow, enabled, false);
    }

    /** The [Socket] settings as later files change them. */
    private static final class Settings {
        final List<SocketUnit.Listen> listens = new ArrayList<>();
        final List<String> allow = new ArrayList<>();
        boolean accept;
        String service;

        void read(Path file, String display, List<String> problems) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(display + ": cannot read: " + e.getMessage());
                return;
            }
            String section = "";
            for (int i = 0; i < lines.size(); i++) {
                String t = lines.get(i).strip();
                if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                    continue;
                }
                if (t.startsWith("[") && t.endsWith("]")) {
                    section = t;
                    continue;
                }
                int eq = t.indexOf('=');
                if (!section.equals("[Socket]") || eq < 0) {
                    continue;
                }
                set(t.substring(0, eq).strip(), t.substring(eq + 1).strip(), display, i + 1);
            }
        }

        private void set(String key, String value, String file, int line) {
            if (LISTEN_KEYS.contains(key)) {
                if (value.isEmpty()) {
                    listens.clear();
                } else {
                    listens.add(new SocketUnit.Listen(key, value, file, line));
                }
            } else if (key.equals("Accept")) {
                accept = value.equalsIgnoreCase("yes") || value.equals("1") || value.equalsIgnoreCase("true");
            } else if (key.equals("Service")) {
                service = value;
            } else if (key.equals("IPAddressAllow")) {
                if (value.isEmpty()) {
                    allow.clear();
                } else {
                    allow.addAll(List.of(value.split("\\s+")));
                }
            }
        }
    }
}
