package dev.jwrap.audit.review;

import dev.jwrap.audit.config.EtcServices;
import dev.jwrap.audit.inventory.Exposure;
import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.inventory.ProcessInfo;
import dev.jwrap.audit.inventory.Transport;
import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Recommendation;
import dev.jwrap.audit.kb.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Names each listener, attributes the ones a super-server holds to the configured service on that
 * port (spec §2.6), and judges the ones reachable beyond loopback by the knowledge base (§4.6):
 * loopback-only listeners are reported, never judged. A service already judged in its configuration
 * file is not judged a second time here.
 */
final class ListenerReview {

    private static final Map<String, String> SUPER_SERVERS = Map.of("inetd", "inetd", "xinetd", "xinetd", "systemd",
            "systemd", "jwrap", "inetd");
    private static final int PORTMAPPER = 111;
    private static final int SMTP = 25;

    private final KnowledgeBase kb;
    private final EtcServices services;

    ListenerReview(KnowledgeBase kb, EtcServices services) {
        this.kb = kb;
        this.services = services;
    }

    /**
     * Judges every listener.
     *
     * @param rpc the portmapper's registrations: they name the RPC programs' dynamic ports
     */
    List<JudgedListener> review(List<Listener> listeners, List<ConfiguredService> configured, List<RpcRegistration> rpc,
            Findings findings) {
        List<JudgedListener> out = new ArrayList<>();
        for (Listener l : listeners) {
            String proto = l.transport() == Transport.UDP ? "udp" : "tcp";
            KbEntry row = l.transport() == Transport.RAW ? null : kb.byPort(l.port(), proto).orElse(null);
            String name = l.transport() == Transport.RAW ? null : services.name(l.port(), proto);
            String source = name != null ? "etc-services" : row != null ? "kb" : null;
            if (name == null && row != null) {
                name = row.service();
            }
            RpcRegistration program = row != null || l.transport() == Transport.RAW ? null : registered(rpc, l.port(), proto);
            if (program != null) {
                row = program.kb();
                if (name == null) {
                    name = program.name() != null ? program.name() : "rpc program " + program.mapping().program();
                    source = "rpc";
                }
            }
            String via = l.owner() == null ? null : superServer(l.owner());
            ConfiguredService config = via == null ? null : configured.stream()
                    .filter(c -> c.kind().equals(via) && c.port() == l.port() && c.transport().equals(proto))
                    .findFirst().orElse(null);
            JudgedListener j = new JudgedListener("L" + (out.size() + 1), l, name, source, via, config, row);
            out.add(j);
            judge(j, findings);
        }
        return out;
    }

    /**
     * The super-server a process is: by its name, or for {@code jwrap inetd}, whose process is a JVM
     * named {@code java}, by its command line (the subcommand right after jwrap's main class or jar).
     */
    static String superServer(ProcessInfo p) {
        String byName = SUPER_SERVERS.get(p.comm());
        if (byName != null || !p.comm().equals("java")) {
            return byName;
        }
        List<String> args = p.cmdline();
        for (int i = 0; i + 1 < args.size(); i++) {
            String a = args.get(i);
            boolean jwrap = a.equals("dev.jwrap.cli.Main")
                    || a.endsWith(".jar") && a.substring(a.lastIndexOf('/') + 1).startsWith("jwrap");
            if (jwrap && args.get(i + 1).equals("inetd")) {
                return "inetd";
            }
        }
        return null;
    }

    private static RpcRegistration registered(List<RpcRegistration> rpc, int port, String proto) {
        return rpc.stream()
                .filter(r -> r.mapping().port() == port && r.mapping().transport().equals(proto))
                .findFirst().orElse(null);
    }

    private static void judge(JudgedListener j, Findings findings) {
        Listener l = j.listener();
        ProcessInfo owner = l.owner();
        if (owner != null && owner.exe() != null && owner.exe().endsWith(" (deleted)")) {
            findings.plain("PROC-EXE-DELETED", Severity.LOW, owner.comm() + " (pid " + owner.pid() + ") listening on "
                    + where(l) + " runs a binary that was replaced or deleted since it started", null, 0,
                    "the process runs old code (an update without restart, or something that hides itself)",
                    "restart the service, and find out why if no update explains it");
        }
        if (l.transport() == Transport.RAW) {
            return;
        }
        if (l.port() == PORTMAPPER) {
            // loopback-only listeners are never judged above info (spec §4.6)
            findings.plain("RPC-PORTMAP", l.exposure() == Exposure.LOOPBACK ? Severity.INFO : Severity.HIGH, "portmapper listening on " + where(l) + ownerText(l), null, 0,
                    "the portmapper tells anyone which RPC services run and where; it should not face a network",
                    "systemctl disable --now rpcbind.socket rpcbind.service");
            return;
        }
        if (l.exposure() == Exposure.LOOPBACK) {
            return;
        }
        KbEntry row = j.kb();
        if (l.port() == SMTP && l.transport() == Transport.TCP && row != null && j.config() == null) {
            Severity s = l.exposure() == Exposure.ADDRESS ? row.severity().lower() : row.severity();
            findings.judged("MTA-NOT-LOCAL", s, "mail server listening on " + where(l) + ownerText(l)
                    + ": not local-only", null, 0, row.service(), row,
                    "unless this host receives mail from others, bind the MTA to loopback (exim4: dc_local_interfaces="
                            + "'127.0.0.1 ; ::1'; postfix: inet_interfaces = loopback-only; sendmail: "
                            + "DaemonPortOptions=Addr=127.0.0.1)", "cis-dil:2.2.15");
            return;
        }
        if (row == null && j.serviceName() == null && j.config() == null && j.via() == null) {
            findings.plain("LISTEN-UNKNOWN", Severity.LOW, "unknown service listening on " + where(l) + ownerText(l)
                    + (owner != null && owner.exe() != null ? " (" + owner.exe() + ")" : "")
                    + ": the port is in no super-server's configuration and not in /etc/services", null, 0,
                    "a port nobody can name is a port nobody looks after (seed 004's \"mystery ports\")",
                    "find out what the program is; stop it or restrict it if nothing needs it");
            return;
        }
        if (row == null || row.recommendation() == Recommendation.KEEP || j.config() != null) {
            return; // a configured service is judged where it is configured
        }
        Severity s = l.exposure() == Exposure.ADDRESS ? row.severity().lower() : row.severity();
        findings.judged("LISTEN-RISKY", s, row.service() + " listening on " + where(l) + ownerText(l) + ": "
                + row.shortRisk(), null, 0, row.service(), row,
                row.recommendation() == Recommendation.DISABLE ? "stop and disable the service" : "restrict it to the clients that need it");
    }

    private static String where(Listener l) {
        return l.transport().word() + " " + l.addressText() + ":" + l.port();
    }

    private static String ownerText(Listener l) {
        return l.owner() == null ? "" : " by " + l.owner().comm() + " (pid " + l.owner().pid() + ")";
    }
}
