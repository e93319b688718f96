package dev.jwrap.inetd.config;

import java.util.Optional;

/**
 * The protocol field of an inetd.conf entry (spec §2.6). Plain {@code tcp}/{@code udp} mean IPv4
 * <em>and</em> IPv6 as on Debian: the parser turns such a line into two entries, an IPv4 one that
 * keeps the token {@code tcp} and an IPv6-only clone with the token {@code tcp6}. After that
 * expansion {@link #TCP} and {@link #UDP} therefore denote the IPv4 half.
 */
public enum Protocol {
    TCP("tcp", SocketType.STREAM, Family.INET),
    TCP4("tcp4", SocketType.STREAM, Family.INET),
    TCP6("tcp6", SocketType.STREAM, Family.INET6_ONLY),
    TCP46("tcp46", SocketType.STREAM, Family.INET6_DUAL),
    UDP("udp", SocketType.DGRAM, Family.INET),
    UDP4("udp4", SocketType.DGRAM, Family.INET),
    UDP6("udp6", SocketType.DGRAM, Family.INET6_ONLY),
    UDP46("udp46", SocketType.DGRAM, Family.INET6_DUAL);

    /** The address family of the listening socket. */
    public enum Family {
        /** AF_INET. */
        INET,
        /** AF_INET6 with {@code IPV6_V6ONLY}=1. */
        INET6_ONLY,
        /** AF_INET6 with {@code IPV6_V6ONLY}=0 (IPv4-mapped clients too). */
        INET6_DUAL
    }

    private final String token;
    private final SocketType natural;
    private final Family family;

    Protocol(String token, SocketType natural, Family family) {
        this.token = token;
        this.natural = natural;
        this.family = family;
    }

    /** The word used in inetd.conf and in inetd's log messages. */
    public String token() {
        return token;
    }

    /** The socket type this transport carries: stream for TCP, dgram for UDP. */
    public SocketType socketType() {
        return natural;
    }

    public Family family() {
        return family;
    }

    /** The name given to {@code getservbyname}: {@code tcp} or {@code udp}. */
    public String servicesProtocol() {
        return natural == SocketType.STREAM ? "tcp" : "udp";
    }

    /** True for plain {@code tcp}/{@code udp}, which listen on IPv4 and IPv6 (Debian). */
    boolean isDualStackPair() {
        return this == TCP || this == UDP;
    }

    /** The IPv6 clone of a plain {@code tcp}/{@code udp} line. */
    Protocol ipv6Clone() {
        return this == TCP ? TCP6 : UDP6;
    }

    public static Optional<Protocol> fromToken(String token) {
        for (Protocol p : values()) {
            if (p.token.equals(token)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
