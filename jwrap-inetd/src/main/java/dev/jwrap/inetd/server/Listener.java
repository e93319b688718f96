package dev.jwrap.inetd.server;

import dev.jwrap.inetd.config.ServiceEntry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;

/**
 * One bound socket of one entry and the thread that serves it. The entry can be replaced
 * on reload while the socket stays open (inetd.md §3.8).
 */
abstract class Listener {

    protected final Services services;
    protected final InetSocketAddress address;
    protected final RateLimiter limiter;
    protected volatile ServiceEntry entry;
    private Thread thread;

    Listener(Services services, ServiceEntry entry, InetSocketAddress address) {
        this.services = services;
        this.entry = entry;
        this.address = address;
        this.limiter = new RateLimiter(entry.maxPerMinute(), services.nanoClock());
    }

    /** The open socket. */
    abstract NetworkChannel channel();

    /** Serves until the channel is closed. */
    protected abstract void run();

    final void start() {
        // A platform thread per socket (a few per server): it blocks in accept()/recvfrom() in
        // the kernel and is woken by it directly; a virtual thread would go through the JDK's
        // poller (epoll_ctl twice and two thread hand-offs per connection).
        thread = Thread.ofPlatform().daemon().name("inetd-" + entry.displayName()).start(this::run);
    }

    /** Takes new settings from a reloaded line with the same key; lifts a rate-limit pause. */
    void replace(ServiceEntry newEntry) {
        this.entry = newEntry;
        limiter.reset(newEntry.maxPerMinute());
    }

    ServiceEntry entry() {
        return entry;
    }

    /** The address actually bound (the port is known even when the entry asked for 0). */
    InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel().getLocalAddress();
        } catch (IOException e) {
            return address;
        }
    }

    void close() {
        try {
            channel().close();
        } catch (IOException e) {
            services.log().warning(entry.displayName() + ": close: " + e.getMessage());
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether {@code entry} may start one more program or forking built-in; logs an overflow. */
    protected boolean admitInvocation(ServiceEntry current) {
        return switch (limiter.tryAcquire()) {
            case PROCEED -> true;
            case PAUSED -> false;
            case TRIPPED -> {
                services.log().error(current.displayName() + " server failing (looping), service terminated for 10 min");
                yield false;
            }
        };
    }
}
