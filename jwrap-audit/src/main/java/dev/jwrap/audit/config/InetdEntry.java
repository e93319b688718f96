package dev.jwrap.audit.config;

import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.KnowledgeBase;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One enabled inetd.conf entry as the audit sees it: the fields as written and the physical lines
 * it spans (an entry continues on following lines that start with a blank). Immutable.
 *
 * @param file the file's path as reports show it
 * @param firstLine the 1-based line of the entry
 * @param lastLine the last physical line of the entry
 * @param service the service field without a {@code host:} prefix
 * @param socketType {@code stream}, {@code dgram}, ...
 * @param protocol {@code tcp}, {@code udp6}, {@code rpc/udp}, ...
 * @param waitField {@code wait}/{@code nowait} with its {@code .max}
 * @param user the user field
 * @param server the server program, or {@code internal}
 * @param args the arguments, argv[0] first
 */
public record InetdEntry(String file, int firstLine, int lastLine, String service, String socketType,
        String protocol, String waitField, String user, String server, List<String> args) {

    public InetdEntry {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(server, "server");
        args = List.copyOf(args);
    }

    /** The service as the knowledge base names it: for {@code rstatd/1-3} the program name. */
    public String name() {
        return rpc() && service.contains("/") ? service.substring(0, service.indexOf('/')) : service;
    }

    /**
     * The knowledge-base row for this entry: by port when the service field is a number, by RPC
     * program name for an RPC entry, else by name for the entry's transport.
     */
    public Optional<KbEntry> judgement(KnowledgeBase kb) {
        if (!service.isEmpty() && service.chars().allMatch(Character::isDigit)) {
            return kb.byPort(Integer.parseInt(service), transport());
        }
        return kb.byName(rpc() ? name() : service, rpc() ? null : transport());
    }

    /** An ONC RPC entry ({@code rpc/tcp}, {@code rpc/udp}). */
    public boolean rpc() {
        return protocol.startsWith("rpc/");
    }

    /** A service built into inetd. */
    public boolean internal() {
        return server.equals("internal");
    }

    /** Whether tcpd runs first: the server's last path component is {@code tcpd}. */
    public boolean wrapped() {
        return baseName(server).equals("tcpd");
    }

    /**
     * The name hosts.allow knows the service by: for tcpd, the last path component of its first
     * argument (tcpd(8)); otherwise the server's own name.
     */
    public String daemon() {
        if (wrapped() && !args.isEmpty()) {
            return baseName(args.getFirst());
        }
        return internal() ? service : baseName(server);
    }

    /** {@code tcp} or {@code udp}, the transport whatever the family or RPC prefix. */
    public String transport() {
        return protocol.contains("udp") ? "udp" : "tcp";
    }

    /** The user without a group. */
    public String userName() {
        int sep = user.indexOf(':') >= 0 ? user.indexOf(':') : user.indexOf('.');
        return sep < 0 ? user : user.substring(0, sep);
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
