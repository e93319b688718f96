package dev.jwrap.audit.export;

import dev.jwrap.audit.config.EtcServices;
import dev.jwrap.audit.config.InetdConfFile;
import dev.jwrap.audit.config.InetdEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which local ports a daemon name of the access tables stands for (audit spec §7.1): the
 * daemons of inetd.conf (and inetd.d) under a root directory, ports given explicitly, and
 * otherwise {@code /etc/services} by the daemon's name ({@code sshd} and {@code in.telnetd} are
 * looked up as {@code ssh} and {@code telnet} too). A numeric daemon pattern is its own port.
 */
public final class ServicePorts {

    private final Map<String, SortedSet<Port>> byDaemon = new LinkedHashMap<>();
    private final SortedSet<Port> wrapped = new TreeSet<>();
    private final EtcServices services;
    private final List<String> problems = new ArrayList<>();

    private ServicePorts(EtcServices services) {
        this.services = services;
    }

    /** Reads {@code ROOT/etc/inetd.conf}, {@code ROOT/etc/inetd.d/*} and {@code ROOT/etc/services}. */
    public static ServicePorts read(Path root) {
        ServicePorts ports = new ServicePorts(EtcServices.read(root));
        for (Path file : InetdConfFile.files(root, e -> ports.problems.add("/etc/inetd.d: cannot list"))) {
            try {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                String shown = "/" + root.relativize(file);
                for (InetdEntry entry : InetdConfFile.parse(shown, text).items()) {
                    ports.addInetd(entry);
                }
            } catch (IOException e) {
                ports.problems.add(file + ": cannot read");
            }
        }
        return ports;
    }

    /** Declares that a daemon listens on a port (a standalone libwrap daemon such as sshd). */
    public ServicePorts with(String daemon, Port port) {
        byDaemon.computeIfAbsent(daemon, d -> new TreeSet<>()).add(port);
        wrapped.add(port);
        return this;
    }

    private void addInetd(InetdEntry entry) {
        if (entry.rpc()) {
            return; // RPC services get their ports from the portmapper at run time
        }
        OptionalInt port = numberOrService(entry.service(), entry.transport());
        if (port.isEmpty()) {
            problems.add(entry.file() + ":" + entry.firstLine() + ": service " + entry.service() + " has no port in /etc/services");
            return;
        }
        Port p = new Port(entry.transport(), port.getAsInt());
        byDaemon.computeIfAbsent(entry.daemon(), d -> new TreeSet<>()).add(p);
        if (entry.wrapped()) {
            wrapped.add(p);
        }
    }

    private OptionalInt numberOrService(String service, String protocol) {
        if (!service.isEmpty() && service.length() <= 5 && service.chars().allMatch(Character::isDigit)) {
            return OptionalInt.of(Integer.parseInt(service));
        }
        return services.port(service, protocol);
    }

    /** The ports of a daemon name; empty when none is known. */
    SortedSet<Port> ports(String daemon) {
        SortedSet<Port> known = byDaemon.get(daemon);
        if (known != null) {
            return known;
        }
        SortedSet<Port> found = new TreeSet<>();
        for (String name : candidates(daemon)) {
            services.port(name, "tcp").ifPresent(n -> found.add(new Port("tcp", n)));
            if (!found.isEmpty()) {
                // a daemon the tables name and that has a port consults the tables: part of ALL
                byDaemon.put(daemon, found);
                wrapped.addAll(found);
                break;
            }
        }
        return found;
    }

    /** {@code ALL}: the ports of wrapped daemons, which are the ones that consult the tables. */
    SortedSet<Port> allWrapped() {
        return wrapped;
    }

    /** Notes about configuration that could not be used, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private static List<String> candidates(String daemon) {
        List<String> names = new ArrayList<>(List.of(daemon));
        String bare = daemon.startsWith("in.") ? daemon.substring(3) : daemon;
        names.add(bare);
        if (bare.endsWith("d") && bare.length() > 1) {
            names.add(bare.substring(0, bare.length() - 1));
        }
        return names;
    }
}
