package dev.jwrap.core.resolve;

import dev.jwrap.core.internal.MappedAddresses;
import dev.jwrap.core.resolve.HostResolver.Family;
import dev.jwrap.core.resolve.HostResolver.ForwardLookup;
import dev.jwrap.core.sys.NativeLibc;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The same C library answers as {@link GlibcNameService} (getnameinfo, getaddrinfo, innetgr), but
 * through libjwrap.so's JNI functions ({@link NativeLibc}), which cost the JVM no generated
 * classes: a short-lived {@code jwrap check} that looks up a few names starts in half the time.
 * Strings reach C with their ISO-8859-1 bytes, as the tables are read. Thread-safe.
 */
final class JniNameService implements NameService {

    private static final int NI_MAXHOST = 1025;
    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    /** Longer than any NIS domain name (64). */
    private static final int DOMAIN_BUFFER = 256;
    private static final int NO_CANONICAL_NAME = 0xffff;

    @Override
    public Optional<String> reverse(InetAddress address) {
        InetAddress a = MappedAddresses.unmapped(address);
        byte[] host = new byte[NI_MAXHOST];
        return NativeLibc.hostName(a.getAddress(), scope(a), host) == 0 ? Optional.of(cString(host)) : Optional.empty();
    }

    @Override
    public Optional<ForwardLookup> forward(String host, Family family) {
        byte[] node = latin1(host);
        // no AI_NUMERICHOST: numeric forms ("192.0.2", "0x7f.1") first, then the name, as tcpdmatch does
        byte[] answer = node == null ? null : NativeLibc.addresses(node, cFamily(family));
        return answer == null ? Optional.empty() : decode(answer);
    }

    /** The flattened getaddrinfo answer ({@link NativeLibc#addresses}); duplicates dropped, order kept. */
    static Optional<ForwardLookup> decode(byte[] answer) {
        int length = unsigned16(answer, 0);
        int at = 2;
        String canonicalName = null;
        if (length != NO_CANONICAL_NAME) {
            canonicalName = new String(answer, at, length, StandardCharsets.ISO_8859_1);
            at += length;
        }
        List<InetAddress> addresses = new ArrayList<>();
        try {
            while (at < answer.length) {
                boolean v6 = answer[at++] == 6;
                int size = v6 ? 16 : 4;
                byte[] bytes = Arrays.copyOfRange(answer, at, at + size);
                at += size;
                InetAddress address;
                if (v6) {
                    int scope = (unsigned16(answer, at) << 16) | unsigned16(answer, at + 2);
                    at += 4;
                    address = Inet6Address.getByAddress(null, bytes, scope == 0 ? -1 : scope);
                } else {
                    address = InetAddress.getByAddress(bytes);
                }
                if (!contains(addresses, address)) {
                    addresses.add(address);
                }
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are always an address", e);
        }
        return addresses.isEmpty() ? Optional.empty() : Optional.of(new ForwardLookup(canonicalName, addresses));
    }

    /**
     * Whether {@code list} holds the same bytes and IPv6 scope already. A scan of a few entries:
     * hashing a record key would cost the first lookup the JDK's record-method bootstrap.
     */
    private static boolean contains(List<InetAddress> list, InetAddress address) {
        for (InetAddress a : list) {
            if (Arrays.equals(a.getAddress(), address.getAddress()) && scope(a) == scope(address)) {
                return true;
            }
        }
        return false;
    }

    private static int scope(InetAddress a) {
        return a instanceof Inet6Address v6 ? v6.getScopeId() : 0;
    }

    @Override
    public boolean inNetgroup(String group, String host) {
        byte[] g = latin1(group);
        byte[] h = latin1(host);
        if (g == null || h == null) {
            return false;
        }
        byte[] domain = nisDomain();
        synchronized (NameService.NETGROUP_LOCK) {
            return NativeLibc.innetgr(g, h, domain) > 0;
        }
    }

    /** libwrap passes yp_get_default_domain()'s answer: getdomainname(), unless unset; null for none. */
    private static byte[] nisDomain() {
        byte[] buffer = new byte[DOMAIN_BUFFER];
        if (NativeLibc.getdomainname(buffer) != 0) {
            return null;
        }
        String domain = cString(buffer);
        return domain.isEmpty() || domain.equals("(none)") ? null : domain.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The ISO-8859-1 bytes of {@code s}, or null when C cannot be given {@code s} unchanged: it
     * contains NUL or a character above U+00FF. No such name exists in the system databases.
     */
    static byte[] latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0' || c > 0xff) {
                return null;
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String cString(byte[] nulTerminated) {
        int end = 0;
        while (end < nulTerminated.length && nulTerminated[end] != 0) {
            end++;
        }
        return new String(nulTerminated, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static int unsigned16(byte[] bytes, int at) {
        return (Byte.toUnsignedInt(bytes[at]) << 8) | Byte.toUnsignedInt(bytes[at + 1]);
    }

    private static int cFamily(Family family) {
        return switch (family) {
            case INET -> AF_INET;
            case INET6 -> AF_INET6;
            case ANY -> AF_UNSPEC;
        };
    }
}
