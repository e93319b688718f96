package dev.jwrap.audit.export;

import dev.jwrap.core.match.InetLiterals;
import dev.jwrap.core.policy.ClientPattern;
import dev.jwrap.core.policy.HostPattern;
import dev.jwrap.core.policy.NetMask;
import dev.jwrap.core.policy.PatternList;
import dev.jwrap.core.policy.StringPattern;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a client list into address blocks, exactly or not at all (audit spec §7.2): addresses,
 * octet prefixes and contiguous {@code net/mask} patterns translate; names, {@code KNOWN},
 * {@code LOCAL}, netgroups and {@code user@host} need a lookup at connect time and do not. One
 * untranslatable pattern makes the whole list untranslatable, since a partial list would change
 * which later rules a client reaches.
 */
final class ClientTranslation {

    /**
     * The outcome: the blocks, or the reason there are none.
     *
     * @param clients the blocks, or null
     * @param reason why the list cannot be expressed, or null
     */
    record Result(ClientSet clients, String reason) {}

    private ClientTranslation() {}

    static Result of(PatternList<ClientPattern> list) {
        if (list.except() != null && list.except().except() != null) {
            return new Result(null, "nested EXCEPT in the client list");
        }
        boolean any = false;
        List<Cidr> include = new ArrayList<>();
        for (ClientPattern p : list.head()) {
            if (p.user() == null && p.host() instanceof HostPattern.Textual t && t.pattern() instanceof StringPattern.Any) {
                any = true;
                continue;
            }
            String reason = blocks(p, include);
            if (reason != null) {
                return new Result(null, reason);
            }
        }
        List<Cidr> exclude = new ArrayList<>();
        if (list.except() != null) {
            for (ClientPattern p : list.except().head()) {
                if (p.user() == null && p.host() instanceof HostPattern.Textual t && t.pattern() instanceof StringPattern.Any) {
                    return new Result(new ClientSet(false, List.of(), List.of()), null);
                }
                String reason = blocks(p, exclude);
                if (reason != null) {
                    return new Result(null, reason);
                }
            }
        }
        return new Result(new ClientSet(any, any ? List.of() : include, exclude), null);
    }

    /** Adds the blocks of one pattern; returns why it cannot be expressed, or null. */
    private static String blocks(ClientPattern p, List<Cidr> out) {
        if (p.user() != null) {
            return p.text() + ": user@host needs an ident lookup at connect time";
        }
        return host(p.host(), out);
    }

    /** Adds the blocks of a host pattern; returns why it cannot be expressed, or null. */
    static String host(HostPattern host, List<Cidr> out) {
        return switch (host) {
            case HostPattern.Netgroup n -> n.text() + ": netgroup membership is looked up at connect time";
            case HostPattern.Known k -> k.text() + ": KNOWN depends on name lookups at connect time";
            case HostPattern.Local l -> l.text() + ": LOCAL depends on the client's host name";
            case HostPattern.Masked m -> masked(m.mask(), out);
            case HostPattern.Textual t -> textual(t.pattern(), out);
            case HostPattern.FileList f -> {
                for (HostPattern word : f.words()) {
                    String reason = host(word, out);
                    if (reason != null) {
                        yield f.text() + ": " + reason;
                    }
                }
                yield null;
            }
        };
    }

    private static String masked(NetMask mask, List<Cidr> out) {
        if (mask.v6Net() != null) {
            if (v4Mapped(mask.v6Net())) {
                return mask.text() + ": an IPv4-mapped IPv6 pattern has no exact firewall form";
            }
            byte[] net = mask.v6Net().clone();
            clearHostBits(net, mask.v6Length());
            out.add(new Cidr(true, v6Text(net) + "/" + mask.v6Length()));
            return null;
        }
        if (mask.v4Net() < 0) {
            return null; // an invalid net/mask never matches in tcpd: nothing to add
        }
        if (!mask.isContiguousV4()) {
            return mask.text() + ": a non-contiguous mask has no prefix form";
        }
        if ((mask.v4Net() & ~mask.v4Mask() & 0xffffffffL) != 0) {
            return null; // host bits set: tcpd never matches it (hosts_access spec §2.5)
        }
        out.add(new Cidr(false, v4Text(mask.v4Net()) + "/" + mask.v4PrefixLength()));
        return null;
    }

    private static String textual(StringPattern pattern, List<Cidr> out) {
        switch (pattern) {
            case StringPattern.Exact e when InetLiterals.isDotQuad(e.text()) -> {
                String canonical = v4Text(InetLiterals.dotQuad(e.text()));
                // tcpd compares text: a non-canonical spelling (010.0.0.1) never equals an address
                if (canonical.equals(StringPattern.unmap(e.text()))) {
                    out.add(new Cidr(false, canonical));
                }
                return null;
            }
            case StringPattern.BracketV6 b when b.address() != null && v4Mapped(b.address()) -> {
                return b.text() + ": an IPv4-mapped IPv6 pattern has no exact firewall form";
            }
            case StringPattern.BracketV6 b when b.address() != null -> {
                out.add(new Cidr(true, v6Text(b.address())));
                return null;
            }
            case StringPattern.Prefix p when octets(p.text()) > 0 -> {
                int n = octets(p.text());
                String[] parts = p.text().split("\\.");
                StringBuilder net = new StringBuilder();
                for (int i = 0; i < 4; i++) {
                    net.append(i == 0 ? "" : ".").append(i < n ? Integer.parseInt(parts[i]) : 0);
                }
                out.add(new Cidr(false, net + "/" + (8 * n)));
                return null;
            }
            default -> {
                return pattern.text() + ": a host name or name pattern is resolved at connect time";
            }
        }
    }

    /** The number of whole octets of a {@code 192.0.2.} prefix (1 to 3), or 0 when it is not one. */
    private static int octets(String prefix) {
        String[] parts = prefix.substring(0, prefix.length() - 1).split("\\.", -1);
        if (parts.length > 3) {
            return 0;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                return 0;
            }
        }
        return parts.length;
    }

    /** {@code ::ffff:a.b.c.d}: on the wire such a client is IPv4, which tcpd matches differently. */
    private static boolean v4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static void clearHostBits(byte[] net, int length) {
        for (int bit = length; bit < 128; bit++) {
            net[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
    }

    static String v4Text(long address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static String v6Text(byte[] address) {
        try {
            String full = InetAddress.getByAddress(address).getHostAddress();
            return compress(full);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** RFC 5952 form: the longest run (of two or more) of zero groups becomes {@code ::}. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < groups.length;) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full;
        }
        String left = String.join(":", java.util.Arrays.asList(groups).subList(0, bestStart));
        String right = String.join(":", java.util.Arrays.asList(groups).subList(bestStart + bestLen, groups.length));
        return left + "::" + right;
    }
}
