package dev.jwrap.audit.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * services(5) of the audited tree, read at run time (spec §3.5: the system's own file is read, never
 * copied into jwrap): {@code name port/proto [alias...] [# comment]}. A missing file gives no names.
 * Immutable after construction.
 */
public final class EtcServices {

    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    private EtcServices() {}

    /** Reads {@code ROOT/etc/services}. */
    public static EtcServices read(Path root) {
        EtcServices s = new EtcServices();
        try {
            for (String line : Files.readAllLines(root.resolve("etc/services"), StandardCharsets.ISO_8859_1)) {
                s.add(line);
            }
        } catch (IOException e) {
            // no services file: numbers stay numbers
        }
        return s;
    }

    private void add(String line) {
        int hash = line.indexOf('#');
        String[] f = (hash >= 0 ? line.substring(0, hash) : line).strip().split("\\s+");
        if (f.length < 2 || !f[1].contains("/")) {
            return;
        }
        String[] pp = f[1].split("/", 2);
        int port;
        try {
            port = Integer.parseInt(pp[0]);
        } catch (NumberFormatException e) {
            return;
        }
        names.putIfAbsent(port + "/" + pp[1], f[0]);
        for (int i = 0; i < f.length; i++) {
            if (i != 1) {
                ports.putIfAbsent(f[i] + "/" + pp[1], port);
            }
        }
    }

    /** The port of a service name (or alias) for {@code tcp} or {@code udp}. */
    public OptionalInt port(String name, String protocol) {
        Integer p = ports.get(name + "/" + protocol);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    /** The name of a port, or null. */
    public String name(int port, String protocol) {
        return names.get(port + "/" + protocol);
    }
}
