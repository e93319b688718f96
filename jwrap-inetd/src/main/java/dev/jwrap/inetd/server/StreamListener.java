package dev.jwrap.inetd.server;

import dev.jwrap.core.Decision;
import dev.jwrap.inetd.config.InternalService;
import dev.jwrap.inetd.config.Server;
import dev.jwrap.inetd.config.ServiceEntry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * A stream nowait entry (inetd.md §3.2): accepts, applies the FTP-bounce guard and the rate
 * limiter in accept order, then hands each connection to a virtual thread of its own for the
 * access check and the built-in or the spawned program (daytime and time are answered at once).
 */
final class StreamListener extends Listener {

    /** Connections from this source port are dropped at once (inetd's FTP-bounce guard). */
    private static final int FTP_DATA_PORT = 20;

    private final ServerSocketChannel server;
    private final FloodGuard guard;

    StreamListener(Services services, ServiceEntry entry, InetSocketAddress address, ServerSocketChannel server) {
        super(services, entry, address);
        this.server = server;
        this.guard = new FloodGuard(entry.displayName(), services.log(), services.nanoClock());
    }

    @Override
    NetworkChannel channel() {
        return server;
    }

    @Override
    protected void run() {
        while (server.isOpen()) {
            SocketChannel connection;
            try {
                connection = server.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                services.log().warning("accept (for " + entry.service() + "): " + e.getMessage());
                continue;
            }
            dispatch(connection);
        }
    }

    private void dispatch(SocketChannel connection) {
        ServiceEntry current = entry;
        services.trace().line("someone wants " + current.service());
        InetSocketAddress peer = remote(connection);
        if (peer == null || peer.getPort() == FTP_DATA_PORT) {
            closeQuietly(connection);
            return;
        }
        InetSocketAddress local = local(connection);
        // jwrap's limits first: a flood from one source must not use up the service's nowait.max
        Optional<FloodGuard.Ticket> ticket = guard.admit(current.limits(), peer.getAddress(),
                limit -> services.gate().limited(current, peer, local, limit));
        if (ticket.isEmpty()) {
            closeQuietly(connection);
            return;
        }
        if (forks(current) && !admitInvocation(current)) {
            services.gate().limited(current, peer, local, "rate");
            ticket.get().release();
            closeQuietly(connection);
            return;
        }
        ActiveConnection active = ActiveConnection.open(ticket.get(), services.gate().metrics(),
                current.displayName());
        if (answersAtOnce(current, services.options())) {
            serve(current, connection, peer, local, active);
            return;
        }
        Thread.ofVirtual().name("inetd-conn-" + current.service())
                .start(() -> serve(current, connection, peer, local, active));
    }

    /**
     * daytime and time, unchecked, are answered on the accepting thread, as inetd answers them
     * without forking: they read nothing, and their few bytes always fit in a new connection's
     * empty send buffer, so nothing can block. A thread start would cost more than the answer.
     */
    static boolean answersAtOnce(ServiceEntry entry, SupervisorOptions options) {
        return entry.server() instanceof Server.Internal(InternalService service)
                && (service == InternalService.DAYTIME || service == InternalService.TIME)
                && !options.wrapAll();
    }

    private void serve(ServiceEntry current, SocketChannel connection, InetSocketAddress peer,
            InetSocketAddress local, ActiveConnection active) {
        boolean handedOn = false;
        boolean childHoldsConnection = false;
        try {
            ConnectionEffects effects = new ConnectionEffects(connection, services.starter(), services.log());
            Optional<AccessGate.Check> check = AccessGate.checkFor(current, services.options());
            if (check.isPresent()) {
                Decision decision = services.gate().decide(current, check.get(), peer, local, effects);
                switch (decision.verdict()) {
                    case DENIED -> {
                        return;
                    }
                    case DELEGATED -> {
                        childHoldsConnection = services.starter().twist(decision.twistCommand(), connection, effects,
                                status -> active.end());
                        if (!childHoldsConnection) {
                            services.gate().failed(current, peer, local, "cannot run twist command");
                        }
                        return;
                    }
                    case GRANTED -> { }
                }
            } else {
                services.gate().passed(current, peer, local);
            }
            switch (current.server()) {
                case Server.Internal internal -> {
                    handedOn = true;
                    services.builtins().stream(internal.service()).serve(connection);
                }
                case Server.Program program -> {
                    Launch launch = Launch.of(program);
                    childHoldsConnection = services.starter()
                            .start(current, launch, connection, effects, status -> active.end());
                    if (!childHoldsConnection) {
                        services.gate().failed(current, peer, local, "cannot start " + launch.program());
                    }
                }
            }
        } catch (RuntimeException e) {
            services.log().warning(current.displayName() + ": " + e.getMessage());
        } finally {
            // the child has its own copy of the socket; the built-in closes its connection itself
            if (!handedOn) {
                closeQuietly(connection);
            }
            if (!childHoldsConnection) {
                active.end();
            }
        }
    }

    /** Invocations inetd forks for count against {@code nowait.max}: programs, echo, discard, chargen. */
    static boolean forks(ServiceEntry entry) {
        if (entry.server() instanceof Server.Internal(InternalService service)) {
            return service == InternalService.ECHO || service == InternalService.DISCARD
                    || service == InternalService.CHARGEN;
        }
        return true;
    }

    /** The address the client reached; for a wildcard listener this names the interface. */
    private InetSocketAddress local(SocketChannel connection) {
        try {
            return (InetSocketAddress) connection.getLocalAddress();
        } catch (IOException e) {
            return localAddress();
        }
    }

    private static InetSocketAddress remote(SocketChannel connection) {
        try {
            return (InetSocketAddress) connection.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do for a connection being dropped
        }
    }
}
