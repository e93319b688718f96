package dev.jwrap.core.resolve;

import dev.jwrap.core.internal.MappedAddresses;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.jwrap.core.resolve.HostResolver.Family;
import dev.jwrap.core.resolve.HostResolver.ForwardLookup;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The name service exactly as the C library answers: {@code getnameinfo}, {@code getaddrinfo}
 * and {@code innetgr} called through {@link Libc}, so nsswitch.conf, /etc/hosts order,
 * gai.conf sorting and inet_aton's numeric forms all apply. Calls block as long as the C library
 * does. Thread-safe.
 */
final class GlibcNameService implements NameService {

    private static final long AI_FLAGS = Libc.offset(Libc.ADDRINFO, "ai_flags");
    private static final long AI_FAMILY = Libc.offset(Libc.ADDRINFO, "ai_family");
    private static final long AI_SOCKTYPE = Libc.offset(Libc.ADDRINFO, "ai_socktype");
    private static final long AI_ADDRLEN = Libc.offset(Libc.ADDRINFO, "ai_addrlen");
    private static final long AI_ADDR = Libc.offset(Libc.ADDRINFO, "ai_addr");
    private static final long AI_CANONNAME = Libc.offset(Libc.ADDRINFO, "ai_canonname");
    private static final long AI_NEXT = Libc.offset(Libc.ADDRINFO, "ai_next");

    /** Longer than any NIS domain name (64) or host name (HOST_NAME_MAX 64). */
    private static final int DOMAIN_BUFFER = 256;

    private final Libc libc;

    GlibcNameService(Libc libc) {
        this.libc = libc;
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = SockaddrCodec.encode(arena, MappedAddresses.unmapped(address));
            MemorySegment host = arena.allocate(Libc.NI_MAXHOST);
            int rc = libc.getnameinfo(sa, (int) sa.byteSize(), host, Libc.NI_MAXHOST, Libc.NI_NAMEREQD);
            return rc == 0 ? Optional.of(host.getString(0, StandardCharsets.ISO_8859_1)) : Optional.empty();
        }
    }

    @Override
    public Optional<ForwardLookup> forward(String host, Family family) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment node = Libc.cString(arena, host);
            if (node == null) {
                return Optional.empty();
            }
            // No AI_NUMERICHOST: getaddrinfo tries inet_aton / inet_pton first (numeric forms such
            // as "192.0.2" or "0x7f.1" included), then the name, as tcpdmatch's two calls do.
            MemorySegment hints = arena.allocate(Libc.ADDRINFO);
            hints.set(JAVA_INT, AI_FLAGS, Libc.AI_CANONNAME);
            hints.set(JAVA_INT, AI_FAMILY, cFamily(family));
            hints.set(JAVA_INT, AI_SOCKTYPE, Libc.SOCK_STREAM);
            MemorySegment result = arena.allocate(ADDRESS);
            if (libc.getaddrinfo(node, MemorySegment.NULL, hints, result) != 0) {
                return Optional.empty();
            }
            MemorySegment list = result.get(ADDRESS, 0);
            try {
                return answer(list);
            } finally {
                libc.freeaddrinfo(list);
            }
        }
    }

    private static Optional<ForwardLookup> answer(MemorySegment list) {
        if (list.address() == 0) {
            return Optional.empty();
        }
        String canonicalName = Libc.string(node(list).get(ADDRESS, AI_CANONNAME));
        List<InetAddress> addresses = new ArrayList<>();
        Set<AddressKey> seen = new HashSet<>();
        for (MemorySegment ai = node(list); ai != null; ai = node(ai.get(ADDRESS, AI_NEXT))) {
            MemorySegment sa = ai.get(ADDRESS, AI_ADDR);
            InetAddress address = sa.address() == 0 ? null : SockaddrCodec.decode(sa, ai.get(JAVA_INT, AI_ADDRLEN));
            if (address != null && seen.add(AddressKey.of(address))) {
                addresses.add(address);
            }
        }
        return addresses.isEmpty() ? Optional.empty() : Optional.of(new ForwardLookup(canonicalName, addresses));
    }

    /** The {@code struct addrinfo} a pointer points to, or null for NULL. */
    @SuppressWarnings("restricted") // the pointer comes from getaddrinfo's list
    private static MemorySegment node(MemorySegment pointer) {
        return pointer.address() == 0 ? null : pointer.reinterpret(Libc.ADDRINFO.byteSize());
    }

    @Override
    public boolean inNetgroup(String group, String host) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment g = Libc.cString(arena, group);
            MemorySegment h = Libc.cString(arena, host);
            if (g == null || h == null) {
                return false;
            }
            MemorySegment domain = nisDomain(arena);
            synchronized (NameService.NETGROUP_LOCK) {
                return libc.innetgr(g, h, MemorySegment.NULL, domain) != 0;
            }
        }
    }

    /** libwrap passes yp_get_default_domain()'s answer: getdomainname(), unless unset. */
    private MemorySegment nisDomain(Arena arena) {
        MemorySegment buffer = arena.allocate(DOMAIN_BUFFER);
        if (libc.getdomainname(buffer, DOMAIN_BUFFER - 1) != 0) {
            return MemorySegment.NULL;
        }
        String domain = buffer.getString(0, StandardCharsets.ISO_8859_1);
        return domain.isEmpty() || domain.equals("(none)") ? MemorySegment.NULL : buffer;
    }

    private static int cFamily(Family family) {
        return switch (family) {
            case INET -> Libc.AF_INET;
            case INET6 -> Libc.AF_INET6;
            case ANY -> Libc.AF_UNSPEC;
        };
    }

    /** Address identity for de-duplication: the bytes and, for IPv6, the scope. */
    private record AddressKey(ByteBuffer bytes, int scope) {
        static AddressKey of(InetAddress a) {
            return new AddressKey(ByteBuffer.wrap(a.getAddress()), a instanceof Inet6Address v6 ? v6.getScopeId() : 0);
        }
    }
}
