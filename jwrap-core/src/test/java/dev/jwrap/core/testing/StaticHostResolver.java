package dev.jwrap.core.testing;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.resolve.IdentClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resolver answering from a fixed table, like a small /etc/hosts: lines of
 * {@code address canonical [alias...]}; reverse answers the canonical name of an address's first
 * line, forward collects every line naming the host. Counts lookups so tests can see laziness.
 */
public final class StaticHostResolver implements HostResolver {

    private final Map<String, String> reverse = new HashMap<>();
    private final Map<String, List<InetAddress>> forward = new LinkedHashMap<>();
    private final Map<String, String> canonical = new HashMap<>();
    private final Map<String, Set<String>> netgroups = new HashMap<>();
    public final AtomicInteger reverseLookups = new AtomicInteger();

    /** Adds an /etc/hosts-style line. */
    public StaticHostResolver host(String address, String name, String... aliases) {
        InetAddress a = parse(address);
        reverse.putIfAbsent(a.getHostAddress(), name);
        add(name, a, name);
        for (String alias : aliases) {
            add(alias, a, name);
        }
        return this;
    }

    /** Makes the reverse lookup of {@code address} answer {@code name} whatever the forward data say. */
    public StaticHostResolver pointer(String address, String name) {
        reverse.put(parse(address).getHostAddress(), name);
        return this;
    }

    public StaticHostResolver netgroup(String group, String... hosts) {
        netgroups.put(group, Set.of(hosts));
        return this;
    }

    public LookupServices services() {
        return new LookupServices(this, IdentClient.NONE, LookupServices.OFFLINE.users());
    }

    private void add(String name, InetAddress a, String canon) {
        String key = name.toLowerCase();
        forward.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
        canonical.putIfAbsent(key, canon);
    }

    private static InetAddress parse(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric address: " + address, e);
        }
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        reverseLookups.incrementAndGet();
        return Optional.ofNullable(reverse.get(address.getHostAddress()));
    }

    @Override
    public Optional<ForwardLookup> forward(String host, Family family) {
        List<InetAddress> all = forward.get(host.toLowerCase());
        if (all == null) {
            return Optional.empty();
        }
        List<InetAddress> fit = all.stream()
                .filter(a -> family == Family.ANY || (family == Family.INET) == (a.getAddress().length == 4))
                .toList();
        return fit.isEmpty() ? Optional.empty() : Optional.of(new ForwardLookup(canonical.get(host.toLowerCase()), fit));
    }

    @Override
    public boolean inNetgroup(String group, String host) {
        Set<String> members = netgroups.get(group);
        return members != null && members.contains(host.toLowerCase());
    }
}
