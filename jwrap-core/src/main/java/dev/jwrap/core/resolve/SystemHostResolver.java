package dev.jwrap.core.resolve;

import java.net.InetAddress;
import dev.jwrap.core.sys.NativeLibc;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The system resolver, called in glibc through the FFM API ({@code getnameinfo},
 * {@code getaddrinfo}, {@code innetgr}), so answers follow nsswitch.conf, /etc/hosts and
 * gai.conf exactly as libwrap sees them; {@link InetAddress} has its own caching, ordering and
 * numeric parsing. Every call is bounded by the timeout given at construction and answers
 * "not found" when it runs out. Thread-safe; {@link #close()} it when done.
 *
 * <p>Host names and netgroup names are passed to the C library as ISO-8859-1 bytes, as the
 * access tables are read; a string with NUL or a character above U+00FF never resolves.
 */
public final class SystemHostResolver implements HostResolver, AutoCloseable {

    /** The default bound of each lookup. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** How many lookups may be inside the C library at once (each holds a thread while there). */
    static final int DEFAULT_MAX_THREADS = 32;

    private final NameService names;
    private final TimeLimiter limiter;

    /** A resolver whose lookups give up after {@link #DEFAULT_TIMEOUT}. */
    public SystemHostResolver() {
        this(DEFAULT_TIMEOUT);
    }

    /**
     * A resolver whose lookups give up after {@code timeout}.
     *
     * @throws IllegalArgumentException if the timeout is not positive
     * @throws UnsupportedOperationException if this is not 64-bit Linux with glibc
     */
    public SystemHostResolver(Duration timeout) {
        this(timeout, systemNames(), DEFAULT_MAX_THREADS);
    }

    /** The C library's name service: through libjwrap.so when it is loaded, else through FFM. */
    private static NameService systemNames() {
        return NativeLibc.available() ? new JniNameService() : new GlibcNameService(new Libc());
    }

    SystemHostResolver(Duration timeout, NameService names, int maxThreads) {
        Objects.requireNonNull(timeout, "timeout");
        this.names = Objects.requireNonNull(names, "names");
        this.limiter = new TimeLimiter(timeout, maxThreads, "jwrap-resolver-");
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        Objects.requireNonNull(address, "address");
        return limiter.call(() -> names.reverse(address), Optional.empty());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Numeric host strings are accepted in every form glibc accepts ({@code inet_aton}'s
     * {@code 192.0.2}, {@code 0}, {@code 0x7f.1}; IPv6 with {@code %scope}), so with
     * {@link Family#ANY} this is also tcpdmatch's "numeric first, else by name" resolution of a
     * host given on the command line ({@link HostResolver#resolveHostArgument}). IPv6 scope ids are kept.
     */
    @Override
    public Optional<ForwardLookup> forward(String host, Family family) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(family, "family");
        return limiter.call(() -> names.forward(host, family), Optional.empty());
    }

    /** {@inheritDoc} The NIS domain is the one {@code getdomainname()} reports, if set. */
    @Override
    public boolean inNetgroup(String group, String host) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(host, "host");
        return limiter.call(() -> names.inNetgroup(group, host), false);
    }

    /** Refuses further lookups (they answer "not found"); lookups under way finish on their own. */
    @Override
    public void close() {
        limiter.close();
    }
}
