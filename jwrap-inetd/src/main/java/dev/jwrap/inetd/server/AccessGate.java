package dev.jwrap.inetd.server;

import dev.jwrap.core.Decision;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.host.access.Arrival;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.LogStyle;
import dev.jwrap.host.access.ServerMetrics;
import dev.jwrap.inetd.config.Server;
import dev.jwrap.inetd.config.ServiceEntry;
import dev.jwrap.inetd.config.ServicesDatabase;
import dev.jwrap.inetd.config.SocketType;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * TCP Wrappers inside the super-server: which entries are checked, under which daemon name, and
 * the log lines of the verdict. Entries are checked as Debian's {@code inetd -l} checks them
 * (stream nowait programs, daemon = argv[0] as written; inetd's own message texts), lines naming
 * tcpd always (daemon as tcpd derives it; tcpd's texts under the daemon's ident), and with
 * {@code --wrap-all} every entry. The checking, logging and counting is the shared
 * {@link ConnectionGate}'s. Thread-safe.
 */
final class AccessGate {

    /** Whose log texts a check uses. */
    enum Style {
        /** {@code connection from C, service S (P)} — openbsd-inetd -l. */
        INETD,
        /** {@code connect from C (A)} — tcpd. */
        TCPD
    }

    /** A check to make: the daemon name and the log style. */
    record Check(String daemon, Style style) {}

    private final ConnectionGate gate;
    private final ServicesDatabase serviceNames;

    AccessGate(ConnectionGate gate, ServicesDatabase serviceNames) {
        this.gate = gate;
        this.serviceNames = serviceNames;
    }

    /** The metrics the gate counts in. */
    ServerMetrics metrics() {
        return gate.metrics();
    }

    /** The check {@code entry} gets, or empty when its connections are not checked. */
    static Optional<Check> checkFor(ServiceEntry entry, SupervisorOptions options) {
        if (entry.server() instanceof Server.Program program) {
            Launch launch = Launch.of(program);
            boolean inetdChecks = options.libwrap() && entry.socketType() == SocketType.STREAM && !entry.waitService();
            if (inetdChecks || options.wrapAll()) {
                return Optional.of(new Check(launch.daemon(), Style.INETD));
            }
            if (launch.viaTcpd()) {
                return Optional.of(new Check(launch.daemon(), Style.TCPD));
            }
            return Optional.empty();
        }
        Server.Internal internal = (Server.Internal) entry.server();
        return options.wrapAll()
                ? Optional.of(new Check(internal.service().serviceName(), Style.INETD))
                : Optional.empty();
    }

    /**
     * Decides one connection or datagram, logs the verdict and reports it; options run through
     * {@code effects}. A %-expansion overflow denies (tcpd would exit without serving).
     */
    Decision decide(ServiceEntry entry, Check check, InetSocketAddress client, InetSocketAddress server,
            OptionEffects effects) {
        LogStyle style = check.style() == Style.TCPD ? LogStyle.tcpd()
                : new LogStyle.Inetd(serviceName(entry, server), entry.protocol().token());
        return gate.decide(arrival(entry, client, server).checkedAs(check.daemon(), style), effects);
    }

    /** A connection of an entry that is not checked was let in. */
    void passed(ServiceEntry entry, InetSocketAddress client, InetSocketAddress server) {
        gate.passed(arrival(entry, client, server));
    }

    /** A connection was dropped by {@code limit} (the limiter logs its own line). */
    void limited(ServiceEntry entry, InetSocketAddress client, InetSocketAddress server, String limit) {
        gate.limited(arrival(entry, client, server), limit);
    }

    /** The program of a connection that was let in did not start (the starter logged why). */
    void failed(ServiceEntry entry, InetSocketAddress client, InetSocketAddress server, String detail) {
        gate.failed(arrival(entry, client, server), detail);
    }

    /** Events and metrics name a service by its line's {@code service/proto}. */
    static Arrival arrival(ServiceEntry entry, InetSocketAddress client, InetSocketAddress server) {
        Transport transport = entry.socketType() == SocketType.DGRAM ? Transport.UDP : Transport.TCP;
        return new Arrival(entry.displayName(), transport, client, server);
    }

    /** inetd names the service by its local port as /etc/services knows it, else the number. */
    private String serviceName(ServiceEntry entry, InetSocketAddress server) {
        int port = server.getPort();
        return serviceNames.nameOf(port, entry.protocol().servicesProtocol()).orElse(Integer.toString(port));
    }
}
