package dev.jwrap.host.embed;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.HostResolver;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double: a name service that hangs on the reverse lookup of one address until released
 * (a stalled DNS server), and knows no names otherwise.
 */
public final class BlockingResolver implements HostResolver {

    private static final HostResolver KNOWS_NOTHING = LookupServices.OFFLINE.resolver();

    private final InetAddress stalled;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger blocked = new AtomicInteger();

    public BlockingResolver(String stalledAddress) {
        this.stalled = InetAddress.ofLiteral(stalledAddress);
    }

    /** How many lookups are hanging now. */
    public int blocked() {
        return blocked.get();
    }

    /** Lets every hanging and later lookup finish (with no name). */
    public void release() {
        release.countDown();
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        if (address.equals(stalled)) {
            blocked.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                blocked.decrementAndGet();
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<ForwardLookup> forward(String host, Family family) {
        return KNOWS_NOTHING.forward(host, family);
    }

    @Override
    public boolean inNetgroup(String group, String host) {
        return KNOWS_NOTHING.inNetgroup(group, host);
    }
}
