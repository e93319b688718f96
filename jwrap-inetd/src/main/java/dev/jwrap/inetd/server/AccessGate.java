package dev.jwrap.inetd.server;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.Verdict;
import dev.jwrap.core.match.ExpansionTooLongException;
import dev.jwrap.inetd.config.Server;
import dev.jwrap.inetd.config.ServiceEntry;
import dev.jwrap.inetd.config.ServicesDatabase;
import dev.jwrap.inetd.config.SocketType;
import dev.jwrap.host.log.Syslog;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * TCP Wrappers inside the super-server: which entries are checked, under which daemon name, and
 * the log lines of the verdict. Entries are checked as Debian's {@code inetd -l} checks them
 * (stream nowait programs, daemon = argv[0] as written; inetd's own message texts), lines naming
 * tcpd always (daemon as tcpd derives it; tcpd's texts), and with {@code --wrap-all} every entry.
 * Thread-safe.
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

    private final Supplier<AccessPolicy> policy;
    private final LookupServices services;
    private final ServicesDatabase serviceNames;
    private final Syslog log;

    AccessGate(Supplier<AccessPolicy> policy, LookupServices services, ServicesDatabase serviceNames, Syslog log) {
        this.policy = policy;
        this.services = services;
        this.serviceNames = serviceNames;
        this.log = log;
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
     * Decides one connection or datagram and logs the verdict; options run through {@code effects}.
     * A %-expansion overflow denies (tcpd would exit without serving).
     */
    Decision decide(ServiceEntry entry, Check check, InetSocketAddress client, InetSocketAddress server,
            OptionEffects effects) {
        AccessRequest request = AccessRequest.builder()
                .daemon(check.daemon())
                .client(client)
                .server(server)
                .datagram(entry.socketType() == SocketType.DGRAM)
                .services(services)
                .diagnostics(d -> log.warning(d.toSyslogText()))
                .build();
        Decision decision;
        try {
            decision = policy.get().decide(request, effects);
        } catch (ExpansionTooLongException e) {
            log.error(check.daemon() + ": " + e.getMessage());
            return new Decision(Verdict.DENIED, null, java.util.List.of(), SyslogPriority.DEFAULT_ALLOW,
                    SyslogPriority.DEFAULT_DENY, null, e.getMessage());
        }
        String clientInfo = request.clientInfo();
        String address = client.getAddress().getHostAddress();
        switch (decision.verdict()) {
            case GRANTED -> log.log(decision.allowPriority(), check.style() == Style.TCPD
                    ? "connect from " + clientInfo + " (" + address + ")"
                    : "connection from " + clientInfo + ", service " + serviceName(entry, server) + " ("
                            + entry.protocol().token() + ")");
            case DENIED -> log.log(decision.denyPriority(), check.style() == Style.TCPD
                    ? "refused connect from " + clientInfo + " (" + address + ")"
                    : "refused connection from " + clientInfo + ", service " + serviceName(entry, server) + " ("
                            + entry.protocol().token() + ")");
            case DELEGATED -> log.log(decision.denyPriority(),
                    "twist " + clientInfo + " to " + decision.twistCommand());
        }
        return decision;
    }

    /** inetd names the service by its local port as /etc/services knows it, else the number. */
    private String serviceName(ServiceEntry entry, InetSocketAddress server) {
        int port = server.getPort();
        return serviceNames.nameOf(port, entry.protocol().servicesProtocol()).orElse(Integer.toString(port));
    }
}
