package dev.jwrap.core.testing;

import dev.jwrap.core.match.InetLiterals;
import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.syntax.Ascii;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A name service built from /etc/hosts-style lines, answering as glibc's files backend does:
 * forward lookups return the canonical name of the first line that lists the name and the
 * addresses of every such line in order; reverse lookups return the canonical name of the first
 * line with the address; numeric strings (inet_aton forms, IPv6 literals) resolve to themselves.
 * Netgroups are sets of host names. Counts its lookups.
 */
public final class MapHostResolver implements HostResolver {

    private record Line(InetAddress address, List<String> names) {}

    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Set<String>> netgroups = new HashMap<>();
    private int lookups;

    private MapHostResolver() {}

    /** Lines like {@code 192.0.2.1 good.example.test good}. */
    public static MapHostResolver of(String... hostsLines) {
        MapHostResolver r = new MapHostResolver();
        for (String l : hostsLines) {
            String[] words = l.trim().split("\\s+");
            r.lines.add(new Line(address(words[0]), List.of(words).subList(1, words.length)));
        }
        return r;
    }

    /** Adds a netgroup with these member hosts (none: an empty group). */
    public MapHostResolver netgroup(String group, String... hosts) {
        netgroups.put(group, new LinkedHashSet<>(List.of(hosts)));
        return this;
    }

    /** How many forward and reverse lookups were answered. */
    public int lookups() {
        return lookups;
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        lookups++;
        for (Line l : lines) {
            if (l.address().equals(address)) {
                return Optional.of(l.names().getFirst());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<ForwardLookup> forward(String host, Family family) {
        lookups++;
        InetAddress numeric = numeric(host);
        if (numeric != null) {
            return fits(numeric, family) ? Optional.of(new ForwardLookup(host, List.of(numeric))) : Optional.empty();
        }
        String canon = null;
        List<InetAddress> found = new ArrayList<>();
        for (Line l : lines) {
            if (l.names().stream().anyMatch(n -> Ascii.equalsIgnoreCase(n, host)) && fits(l.address(), family)) {
                if (canon == null) {
                    canon = l.names().getFirst();
                }
                if (!found.contains(l.address())) {
                    found.add(l.address());
                }
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new ForwardLookup(canon, found));
    }

    @Override
    public boolean inNetgroup(String group, String host) {
        Set<String> members = netgroups.get(group);
        return members != null && members.stream().anyMatch(m -> Ascii.equalsIgnoreCase(m, host));
    }

    @Override
    public boolean netgroupHasEntries(String group) {
        Set<String> members = netgroups.get(group);
        return members != null && !members.isEmpty();
    }

    private static boolean fits(InetAddress a, Family family) {
        return family == Family.ANY || (family == Family.INET) == (a.getAddress().length == 4);
    }

    private static InetAddress numeric(String host) {
        long v4 = InetLiterals.inetAton(host);
        try {
            if (v4 >= 0) {
                return InetAddress.getByAddress(new byte[] {(byte) (v4 >> 24), (byte) (v4 >> 16), (byte) (v4 >> 8), (byte) v4});
            }
            byte[] v6 = InetLiterals.parseV6IgnoringScope(host);
            return v6 == null ? null : InetAddress.getByAddress(v6);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress address(String literal) {
        InetAddress a = numeric(literal);
        if (a == null) {
            throw new IllegalArgumentException("not an address: " + literal);
        }
        return a;
    }
}
