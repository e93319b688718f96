package dev.jwrap.inetd.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One accepted inetd.conf entry (spec §2.2) for one host element and one protocol: a line with a
 * host list {@code a,b:svc} gives one entry per element (as openbsd-inetd does: each is added,
 * replaced on duplicates and reported separately), and a plain {@code tcp}/{@code udp} line gives an
 * IPv4 and an IPv6 entry (Debian). The host is kept as written; resolving it ({@code getaddrinfo}
 * with {@code AI_PASSIVE}, every address its own socket) is the listener's job, because a name may
 * resolve differently at each reload.
 *
 * @param line 1-based line of the file on which the entry starts
 * @param host one element of the host list as written (or inherited from a {@code host:} line),
 *     brackets removed; {@code *} is the wildcard address
 * @param service the service field as written: a name or a decimal port
 * @param port the port, from /etc/services or the number; 0 for tcpmux-dispatched entries
 * @param socketType stream or dgram
 * @param protocol the protocol token
 * @param buffers socket buffer options of the protocol field
 * @param waitService true for {@code wait} (always false for built-ins)
 * @param maxPerMinute the invocation limit per 60 s ({@code .max}, or the {@code -R} default)
 * @param user the user name (not checked at load time, as in inetd)
 * @param group the group name, if given
 * @param server the built-in or program
 * @param tcpmux the TCPMUX name when the service field is {@code tcpmux/NAME} or {@code tcpmux/+NAME}
 * @param limits jwrap's extra limits from a {@code #jwrap:} comment
 */
public record ServiceEntry(
        int line,
        String host,
        String service,
        int port,
        SocketType socketType,
        Protocol protocol,
        SocketBuffers buffers,
        boolean waitService,
        int maxPerMinute,
        String user,
        Optional<String> group,
        Server server,
        Optional<TcpmuxName> tcpmux,
        ServiceLimits limits) {

    public ServiceEntry {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(socketType, "socketType");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(buffers, "buffers");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tcpmux, "tcpmux");
        Objects.requireNonNull(limits, "limits");
        if (host.isEmpty() || host.contains(",")) {
            throw new IllegalArgumentException("host must be one non-empty element, not \"" + host + "\"");
        }
        if (maxPerMinute < 1) {
            throw new IllegalArgumentException("maxPerMinute must be at least 1, not " + maxPerMinute);
        }
    }

    /** A TCPMUX service name; {@code plus} means jwrap sends {@code +Go} before starting the server. */
    public record TcpmuxName(String name, boolean plus) {}

    /** Whether a built-in serves this entry. */
    public boolean isInternal() {
        return server instanceof Server.Internal;
    }

    /**
     * What identifies "the same entry" across reloads and duplicates (spec §2.10, §3.8): host
     * element, service string and protocol token.
     */
    public String key() {
        return host + ":" + service + "/" + protocol.token();
    }

    /** The service as inetd names it in messages: {@code service/proto}. */
    public String displayName() {
        return service + "/" + protocol.token();
    }
}
