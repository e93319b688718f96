package dev.jwrap.inetd.server;

import dev.jwrap.core.Verdict;
import dev.jwrap.inetd.builtin.DatagramBuiltin;
import dev.jwrap.inetd.config.Server;
import dev.jwrap.inetd.config.ServiceEntry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.util.Optional;

/**
 * A dgram built-in (always served in-process, inetd.md §3.4): receives and answers each request
 * on the listener's thread. Not subject to {@code nowait.max} (inetd handles these without
 * forking), but to jwrap's {@code #jwrap:} limits ({@link DatagramGuard}), checked before anything
 * else so that a storm costs as little as possible; checked against the tables only with
 * {@code --wrap-all}.
 */
final class DatagramBuiltinListener extends Listener {

    private final DatagramChannel channel;
    private final DatagramGuard guard;

    DatagramBuiltinListener(Services services, ServiceEntry entry, InetSocketAddress address,
            DatagramChannel channel) {
        super(services, entry, address);
        this.channel = channel;
        this.guard = new DatagramGuard(entry.displayName(), services.log(), services.nanoClock());
    }

    @Override
    NetworkChannel channel() {
        return channel;
    }

    @Override
    protected void run() {
        ByteBuffer buffer = ByteBuffer.allocate(DatagramBuiltin.MAX_DATAGRAM);
        while (channel.isOpen()) {
            ServiceEntry current = entry;
            try {
                buffer.clear();
                InetSocketAddress source = (InetSocketAddress) channel.receive(buffer);
                buffer.flip();
                if (source == null || !guard.admit(current.limits(), source.getAddress(), limit ->
                                services.gate().metrics().limited(current.displayName(), limit))
                        || !allowed(current, source)) {
                    continue;
                }
                Server.Internal internal = (Server.Internal) current.server();
                services.builtins().datagram(internal.service()).answer(buffer, source, channel);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                services.log().warning(current.displayName() + ": " + e.getMessage());
            }
        }
    }

    private boolean allowed(ServiceEntry current, InetSocketAddress source) {
        Optional<AccessGate.Check> check = AccessGate.checkFor(current, services.options());
        if (check.isEmpty()) {
            return true;
        }
        return services.gate().decide(current, check.get(), source, localAddress(),
                new ConnectionEffects(null, services.starter(), services.log())).verdict() == Verdict.GRANTED;
    }
}
