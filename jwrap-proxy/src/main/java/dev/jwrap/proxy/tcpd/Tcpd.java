package dev.jwrap.proxy.tcpd;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.Decision;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.TableFile;
import dev.jwrap.host.access.Arrival;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.LogStyle;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.CredentialResolver;
import dev.jwrap.host.process.Credentials;
import dev.jwrap.host.process.HelperPrograms;
import dev.jwrap.host.process.ProcessReplacer;
import dev.jwrap.host.process.SpawnException;
import dev.jwrap.host.process.SpawnRequest;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code jwrap tcpd}: the classic wrapper, run by a super-server with the client's socket on fds
 * 0, 1 and 2 (hosts_access.md §6). It sets umask 022, finds the client from fd 0 (for a datagram
 * service by peeking at the first datagram), deals with IPv4 IP options ({@link IpOptionsCheck}),
 * decides with the tables, logs as tcpd does, carries out the rule's options, and then replaces
 * itself (same pid, exec) with the daemon, or with the {@code twist} shell. A refused client, a failed exec or an overlong expansion end the wrapper
 * after the refusal delay with status 0, the refused datagram read and dropped.
 *
 * <p>Single use: {@link #run} either never returns (exec) or returns the exit status.
 */
public final class Tcpd {

    /** tcpd's DAEMON_UMASK. */
    static final int DAEMON_UMASK = 0022;

    private static final int STDIN = 0;
    private static final Path SHELL = Path.of("/bin/sh");

    private final LookupServices services;
    private final Function<String, Syslog> syslogFor;
    private final Map<String, String> environment;

    /**
     * @param services name, ident and user lookups
     * @param syslogFor opens the log for a daemon name (tcpd: {@code openlog(name, LOG_PID, LOG_DAEMON)})
     * @param environment this process's environment, which the daemon inherits
     */
    public Tcpd(LookupServices services, Function<String, Syslog> syslogFor, Map<String, String> environment) {
        this.services = services;
        this.syslogFor = syslogFor;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Checks the connection on fd 0 and runs the daemon in place of this process.
     *
     * @return the exit status when this process was not replaced (0, as tcpd)
     * @throws IllegalArgumentException when the settings name no daemon
     */
    public int run(TcpdSettings settings) {
        ProcessUmask umask = new ProcessUmask();
        umask.set(DAEMON_UMASK);
        DaemonProgram daemon = DaemonProgram.of(settings.daemon());
        Syslog log = syslogFor.apply(daemon.name());
        InheritedSocket socket = InheritedSocket.on(STDIN);
        Endpoints endpoints = Endpoints.find(socket, log);
        if (endpoints.serverError() != null) {
            // tcpd's IP-options step asks getsockname again and gives up, reporting it under this
            // (misleading) name: fd 0 is no socket, or no longer one
            log.error("getpeername: " + endpoints.serverError());
            return cleanExit(socket, endpoints, settings);
        }
        if (endpoints.server().getAddress() instanceof Inet4Address) {
            // KILL_IP_OPTIONS, before the check as in tcpd; nothing is looked up yet, so %c is the address
            IpOptionsCheck.apply(socket, endpoints.clientAddress(), log);
        }
        // libwrap reports a bad table line when its scan reaches it; jwrap reads the tables whole, up front
        AccessPolicy policy = AccessPolicy.load(TableFile.of(settings.allow()), TableFile.of(settings.deny()),
                d -> ConnectionGate.report(log, d));
        WrapperEffects effects = new WrapperEffects(socket, log, umask, environment, DAEMON_UMASK);
        ConnectionGate gate = ConnectionGate.builder("tcpd", () -> policy, services).log(log).build();
        Decision decision = gate.decide(endpoints.arrival(daemon.name()).checkedAs(daemon.name(), LogStyle.tcpd()),
                effects);
        switch (decision.verdict()) {
            case GRANTED -> replaceWith(daemon.program(), daemon.argv(), effects, log, "error: cannot execute "
                    + daemon.program() + ": ");
            case DELEGATED -> replaceWith(SHELL, List.of("sh", "-c", decision.twistCommand()), effects, log,
                    "warning: twist_option: /bin/sh: ");
            case DENIED -> {
                // refused (or an expansion overflowed): nothing more to do than tcpd's clean exit below
            }
        }
        return cleanExit(socket, endpoints, settings);
    }

    /** Execs the program; returns only when that failed, after logging why (at err, as tcpd). */
    private void replaceWith(Path program, List<String> argv, WrapperEffects effects, Syslog log, String failure) {
        List<String> env = new ArrayList<>();
        effects.environment().forEach((name, value) -> env.add(name + "=" + value));
        try {
            SpawnRequest request = new SpawnRequest(program, argv, STDIN, env, credentials(effects), effects.umask(),
                    effects.nice(), Optional.empty());
            closeLog(log);
            new ProcessReplacer(HelperPrograms.debian()).exec(request);
        } catch (SpawnException e) {
            String reason = e.errno() > 0 ? InheritedSocket.on(STDIN).describe(e.errno()) : e.getMessage();
            log.error(failure + reason);
        } catch (IllegalArgumentException e) {
            log.error(failure + e.getMessage());
        }
    }

    /** The identity a {@code user} or {@code group} option asked for. */
    private Credentials credentials(WrapperEffects effects) throws SpawnException {
        if (effects.user().isPresent()) {
            return new CredentialResolver(services.users())
                    .resolve(effects.user().get().name(), effects.group().map(g -> g.name()));
        }
        if (effects.group().isPresent()) {
            return new Credentials.GroupOnly(effects.group().get().gid());
        }
        return Credentials.unchanged();
    }

    private static void closeLog(Syslog log) {
        if (log instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closelog() cannot fail in a way that matters; exec closes it anyway (CLOEXEC)
            }
        }
    }

    /** tcpd's clean_exit: drop the refused datagram, wait, exit 0. */
    private static int cleanExit(InheritedSocket socket, Endpoints endpoints, TcpdSettings settings) {
        if (endpoints.datagram()) {
            socket.discardDatagram();
        }
        try {
            Thread.sleep(settings.refusalDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The two ends of the connection as the socket on fd 0 tells them; the client may be unknown.
     *
     * @param serverError why the local end could not be found, or null when it was
     */
    record Endpoints(InetSocketAddress client, InetSocketAddress server, boolean datagram, String serverError) {

        /** An address the tables see as {@code unknown}: what libwrap has when the socket cannot tell. */
        private static final InetSocketAddress UNKNOWN = InetSocketAddress.createUnresolved("unknown", 0);

        /** The client's numeric address, or {@code unknown}, as tcpd's {@code %a} shows it. */
        String clientAddress() {
            return client == null ? "unknown" : client.getAddress().getHostAddress();
        }

        Arrival arrival(String service) {
            return new Arrival(service, datagram ? Transport.UDP : Transport.TCP,
                    client == null ? UNKNOWN : client, server == null ? UNKNOWN : server);
        }

        /**
         * libwrap's sock_host: getpeername, and when that fails (an unconnected datagram socket) the
         * sender of the first queued datagram; then getsockname. Its warnings are logged at err,
         * as libwrap's tcpd_warn logs them.
         */
        static Endpoints find(InheritedSocket socket, Syslog log) {
            InetSocketAddress client = null;
            boolean datagram = false;
            try {
                client = socket.peer();
            } catch (IOException notConnected) {
                datagram = true;
                try {
                    client = socket.peekSender();
                } catch (IOException e) {
                    log.error("warning: can't get client address: " + e.getMessage());
                }
            }
            try {
                return new Endpoints(client, socket.local(), datagram, null);
            } catch (IOException e) {
                if (client != null) {
                    log.error("warning: getsockname: " + e.getMessage());
                }
                return new Endpoints(client, null, datagram, e.getMessage());
            }
        }
    }
}
