package dev.jwrap.core.resolve;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The name service as libwrap sees it: reverse and forward host lookups with the system
 * resolver's semantics (getnameinfo / getaddrinfo order, canonical names) and NIS netgroups.
 *
 * <p>Implementations must bound every call in time: a stalled DNS server must not stall a
 * connection. A lookup that times out is reported like one that failed. Implementations are
 * thread-safe.
 */
public interface HostResolver {

    /** Address family of a forward lookup. {@code ANY} is getaddrinfo's {@code AF_UNSPEC}. */
    enum Family {
        INET,
        INET6,
        ANY
    }

    /**
     * Reverse lookup, like {@code getnameinfo(NI_NAMEREQD)}: the host name registered for the
     * address, or empty when there is none (or the lookup failed or timed out). IPv4-mapped IPv6
     * addresses are looked up as IPv4.
     */
    Optional<String> reverse(InetAddress address);

    /**
     * Forward lookup, like {@code getaddrinfo(host, AI_CANONNAME)} restricted to one family (or
     * {@code ANY}); addresses in the resolver's order, without duplicates.
     *
     * @return the canonical name and addresses, or empty when the name does not resolve
     */
    Optional<ForwardLookup> forward(String host, Family family);

    /**
     * tcpdmatch's resolution of a host given on the command line: numeric first (any family, in
     * every form glibc's getaddrinfo accepts, such as {@code 192.0.2} or {@code 0x7f.1}), else by
     * name; the canonical name is what tcpdmatch compares for its "hostname alias" message. This
     * is {@code forward(host, ANY)} for a resolver whose forward lookup accepts numeric strings,
     * as getaddrinfo without {@code AI_NUMERICHOST} does.
     */
    default Optional<ForwardLookup> resolveHostArgument(String host) {
        return forward(host, Family.ANY);
    }

    /**
     * Whether {@code host} is a member of the NIS netgroup {@code group} (like
     * {@code innetgr(group, host, NULL, domain)}). Missing group: false.
     */
    boolean inNetgroup(String group, String host);

    /**
     * Whether the NIS netgroup {@code group} exists and lists at least one entry (tcpdchk's
     * {@code setnetgrent} + {@code getnetgrent} probe behind "unknown or empty netgroup").
     * Implementations that cannot tell answer true, so that nothing is reported.
     */
    default boolean netgroupHasEntries(String group) {
        return true;
    }

    /**
     * The answer of a forward lookup.
     *
     * @param canonicalName the canonical name the resolver reported, or null if it reported none
     * @param addresses the addresses in resolver order (never empty)
     */
    record ForwardLookup(String canonicalName, List<InetAddress> addresses) {
        public ForwardLookup {
            addresses = List.copyOf(addresses);
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("a forward lookup answer needs at least one address");
            }
        }
    }
}
