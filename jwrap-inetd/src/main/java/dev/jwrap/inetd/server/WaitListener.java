package dev.jwrap.inetd.server;

import dev.jwrap.inetd.config.Server;
import dev.jwrap.inetd.config.ServiceEntry;
import dev.jwrap.host.process.ExitStatus;
import dev.jwrap.core.Decision;
import dev.jwrap.core.Verdict;
import dev.jwrap.inetd.builtin.DatagramBuiltin;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An entry whose program gets the socket itself: stream wait (the listening socket, §3.3), dgram
 * wait (the UDP socket, §3.4) and dgram nowait (§3.5). jwrap never reads or accepts on this
 * socket; it waits until the socket is readable, starts the program with it on fds 0/1/2, and
 * watches it again when the child exits — for dgram nowait already after a one-second grace
 * period, jwrap's fix for inetd's spawn storm (the child has usually taken its datagram by then).
 */
final class WaitListener extends Listener {

    private static final long NOWAIT_GRACE_MILLIS = 1000;

    private final SelectableChannel socket;
    private final Selector selector;
    private final DatagramGuard guard;

    WaitListener(Services services, ServiceEntry entry, InetSocketAddress address, SelectableChannel socket)
            throws IOException {
        super(services, entry, address);
        this.socket = socket;
        this.guard = new DatagramGuard(entry.displayName(), services.log(), services.nanoClock());
        this.selector = Selector.open();
        socket.configureBlocking(false);
        socket.register(selector, socket.validOps() & (SelectionKey.OP_ACCEPT | SelectionKey.OP_READ));
    }

    @Override
    NetworkChannel channel() {
        return (NetworkChannel) socket;
    }

    @Override
    protected void run() {
        try {
            while (socket.isOpen()) {
                if (selector.select() == 0) {
                    continue;
                }
                selector.selectedKeys().clear();
                ServiceEntry current = entry;
                services.trace().line("someone wants " + current.service());
                if (!withinLimits(current)) {
                    continue;
                }
                if (!admitInvocation(current)) {
                    services.gate().metrics().limited(current.displayName(), "rate");
                    // paused: keep the port, but do not let a queued request spin this loop
                    Thread.sleep(pauseNap());
                    continue;
                }
                if (admitted(current)) {
                    runChild(current);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (socket.isOpen()) {
                services.log().warning(entry.displayName() + ": " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * jwrap's {@code #jwrap:} limits for a dgram program, applied to the sender of the datagram that
     * woke it (peeked); a datagram over a limit is read and dropped, and no program starts for it.
     */
    private boolean withinLimits(ServiceEntry current) throws IOException {
        if (!(socket instanceof DatagramChannel datagram) || current.limits().isUnlimited()) {
            return true;
        }
        InetSocketAddress source;
        try {
            source = SocketOptions.peekSource(services.descriptors().fd(datagram));
        } catch (IOException e) {
            return false; // taken by a running child meanwhile; wait for the next one
        }
        // counted, but no event per datagram: a storm must not become a storm of events
        if (guard.admit(current.limits(), source.getAddress(),
                limit -> services.gate().metrics().limited(current.displayName(), limit))) {
            return true;
        }
        datagram.receive(ByteBuffer.allocate(DatagramBuiltin.MAX_DATAGRAM));
        return false;
    }

    /**
     * The access check of a checked dgram entry, made on the datagram that woke it, as tcpd makes
     * it (hosts_access.md §6.1): the sender is peeked at; a refused datagram is read and dropped so
     * that it does not wake the service again. Later datagrams go to the running child unchecked.
     */
    private boolean admitted(ServiceEntry current) throws IOException {
        Optional<AccessGate.Check> check = AccessGate.checkFor(current, services.options());
        if (check.isEmpty()) {
            return true;
        }
        DatagramChannel datagram = (DatagramChannel) socket;
        InetSocketAddress source;
        try {
            source = SocketOptions.peekSource(services.descriptors().fd(datagram));
        } catch (IOException e) {
            // the datagram went away (another child took it); wait for the next one
            return false;
        }
        Decision decision = services.gate().decide(current, check.get(), source, localAddress(),
                new ConnectionEffects(null, services.starter(), services.log()));
        if (decision.verdict() == Verdict.GRANTED) {
            return true;
        }
        datagram.receive(ByteBuffer.allocate(DatagramBuiltin.MAX_DATAGRAM));
        return false;
    }

    private void runChild(ServiceEntry current) throws InterruptedException {
        CountDownLatch exited = new CountDownLatch(1);
        Server.Program program = (Server.Program) current.server();
        boolean started = services.starter().start(current, Launch.of(program), socket, null, status -> {
            logExit(program, status);
            exited.countDown();
        });
        if (!started) {
            services.gate().metrics().spawnFailed(current.displayName());
            // inetd's child would have died at once; avoid a busy loop over the same request
            Thread.sleep(NOWAIT_GRACE_MILLIS);
            return;
        }
        if (current.waitService()) {
            exited.await();
            services.trace().line("restored " + current.service());
        } else {
            exited.await(NOWAIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void logExit(Server.Program program, ExitStatus status) {
        if (entry.waitService() && !status.success()) {
            services.log().warning(program.path() + ": " + status.describe());
        }
    }

    /** While paused the socket stays readable; look again only now and then. */
    private static long pauseNap() {
        return NOWAIT_GRACE_MILLIS;
    }

    @Override
    void close() {
        super.close();
        try {
            selector.close();
        } catch (IOException ignored) {
            // the socket is closed already; nothing depends on the selector
        }
    }
}
