package dev.jwrap.core.resolve;

import dev.jwrap.core.resolve.HostResolver.Family;
import dev.jwrap.core.resolve.HostResolver.ForwardLookup;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The raw, blocking name-service calls behind {@link SystemHostResolver}: same meaning as the
 * {@link HostResolver} methods, but with no time bound. Implementations are thread-safe.
 */
interface NameService {

    /**
     * innetgr(3) is "MT-Unsafe race:netgrent": the netgroup state is process-wide in the C
     * library, so calls are serialised process-wide too, whichever implementation makes them.
     * Holds no data.
     */
    Object NETGROUP_LOCK = new Object();

    Optional<String> reverse(InetAddress address);

    Optional<ForwardLookup> forward(String host, Family family);

    boolean inNetgroup(String group, String host);
}
