package dev.jwrap.host.embed;

import dev.jwrap.core.Decision;
import dev.jwrap.host.access.AccessAttempt;
import dev.jwrap.host.access.Arrival;
import dev.jwrap.host.access.ConnectionEvent.Transport;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.LogStyle;
import dev.jwrap.host.log.Syslog;
import java.net.InetSocketAddress;

/**
 * One embedded check through the shared {@link ConnectionGate} (so a refusal is logged and counted
 * as jwrap inetd does it), with the rule's options collected for the transport to apply.
 * Thread-safe.
 */
final class AccessCheck {

    private final ConnectionGate gate;
    private final String service;
    private final String daemon;
    private final Syslog log;

    AccessCheck(ConnectionGate gate, String service, String daemon, Syslog log) {
        this.gate = gate;
        this.service = service;
        this.daemon = daemon;
        this.log = log;
    }

    Arrival arrival(InetSocketAddress client, InetSocketAddress server) {
        return new Arrival(service, Transport.TCP, client, server);
    }

    Admission admit(InetSocketAddress client, InetSocketAddress server) {
        AccessAttempt attempt = arrival(client, server).checkedAs(daemon, LogStyle.tcpd());
        CollectingEffects effects = new CollectingEffects(log);
        Decision decision = gate.decide(attempt, effects);
        return effects.admission(decision.isGranted(), decision);
    }

    /** A connection dropped before its check could finish, counted as the gate counts limits. */
    void dropped(InetSocketAddress client, InetSocketAddress server, String limit) {
        gate.limited(arrival(client, server), limit);
    }
}
