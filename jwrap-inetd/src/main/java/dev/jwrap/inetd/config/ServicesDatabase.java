package dev.jwrap.inetd.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The services(5) table ({@code /etc/services}): official names, port/protocol and aliases, looked
 * up as glibc's {@code getservbyname}/{@code getservbyport} do with the {@code files} backend (first
 * matching line in file order wins; aliases match; names are case-sensitive). Immutable and
 * thread-safe.
 */
public final class ServicesDatabase {

    /** The system table. */
    public static final Path SYSTEM_FILE = Path.of("/etc/services");

    /** One line of the table. */
    public record Service(String name, int port, String protocol, List<String> aliases) {
        public Service {
            aliases = List.copyOf(aliases);
        }

        boolean isCalled(String wanted) {
            return name.equals(wanted) || aliases.contains(wanted);
        }
    }

    private final List<Service> services;
    /** Official name by "port/protocol", first line wins: inetd -l names the service of every connection. */
    private final Map<String, String> namesByPort = new HashMap<>();

    private ServicesDatabase(List<Service> services) {
        this.services = List.copyOf(services);
        for (Service s : this.services) {
            namesByPort.putIfAbsent(s.port() + "/" + s.protocol(), s.name());
        }
    }

    /** Reads a services(5) file; lines that do not parse are ignored, as glibc ignores them. */
    public static ServicesDatabase load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    /** Parses services(5) text. */
    public static ServicesDatabase parse(String text) {
        List<Service> list = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            int hash = raw.indexOf('#');
            String line = hash >= 0 ? raw.substring(0, hash) : raw;
            String[] fields = line.trim().split("[ \t\r]+");
            if (fields.length < 2 || fields[0].isEmpty()) {
                continue;
            }
            int slash = fields[1].indexOf('/');
            if (slash <= 0) {
                continue;
            }
            OptionalInt port = parsePort(fields[1].substring(0, slash));
            if (port.isEmpty()) {
                continue;
            }
            list.add(new Service(
                    fields[0],
                    port.getAsInt(),
                    fields[1].substring(slash + 1),
                    List.of(fields).subList(2, fields.length)));
        }
        return new ServicesDatabase(list);
    }

    /** A database with exactly these entries (tests). */
    public static ServicesDatabase of(List<Service> services) {
        return new ServicesDatabase(services);
    }

    /** {@code getservbyname(name, protocol)}: the port of the first line naming it, if any. */
    public OptionalInt portOf(String name, String protocol) {
        for (Service s : services) {
            if (s.protocol().equals(protocol) && s.isCalled(name)) {
                return OptionalInt.of(s.port());
            }
        }
        return OptionalInt.empty();
    }

    /** {@code getservbyport(port, protocol)}: the official name of the first line with that port. */
    public Optional<String> nameOf(int port, String protocol) {
        return Optional.ofNullable(namesByPort.get(port + "/" + protocol));
    }

    /** Decimal port 1..65535 (leading zeros allowed, no sign), or empty. */
    static OptionalInt parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ServicesDatabase[%d entries]", services.size());
    }
}
