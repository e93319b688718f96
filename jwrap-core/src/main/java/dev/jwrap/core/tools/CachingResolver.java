package dev.jwrap.core.tools;

import dev.jwrap.core.resolve.HostResolver;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers every answer of a resolver for one tool run. tcpdchk looks up every name and address
 * each time a table mentions it; with a slow or dead name server that multiplies the wait, while
 * the answers (and so the warnings, which are still issued at every mention) stay the same.
 *
 * <p>Not thread-safe: one per tool run.
 */
final class CachingResolver implements HostResolver {

    private final HostResolver delegate;
    private final Map<InetAddress, Optional<String>> reverse = new HashMap<>();
    private final Map<List<Object>, Optional<ForwardLookup>> forward = new HashMap<>();
    private final Map<List<String>, Boolean> members = new HashMap<>();
    private final Map<String, Boolean> groups = new HashMap<>();

    CachingResolver(HostResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        return reverse.computeIfAbsent(address, delegate::reverse);
    }

    @Override
    public Optional<ForwardLookup> forward(String host, Family family) {
        return forward.computeIfAbsent(List.of(host, family), k -> delegate.forward(host, family));
    }

    @Override
    public Optional<ForwardLookup> resolveHostArgument(String host) {
        return forward.computeIfAbsent(List.of(host, "argument"), k -> delegate.resolveHostArgument(host));
    }

    @Override
    public boolean inNetgroup(String group, String host) {
        return members.computeIfAbsent(List.of(group, host), k -> delegate.inNetgroup(group, host));
    }

    @Override
    public boolean netgroupHasEntries(String group) {
        return groups.computeIfAbsent(group, delegate::netgroupHasEntries);
    }
}
