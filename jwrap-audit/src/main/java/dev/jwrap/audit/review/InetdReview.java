package dev.jwrap.audit.review;

import dev.jwrap.audit.config.EtcServices;
import dev.jwrap.audit.config.InetdConfFile;
import dev.jwrap.audit.config.InetdEntry;
import dev.jwrap.audit.config.Parsed;
import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Recommendation;
import dev.jwrap.audit.kb.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges the enabled entries of one inetd.conf (spec §4.1) against the knowledge base: risky
 * services, RPC services, services tcpd does not guard, telnetd's banner, services that need not run
 * as root, and lines that are no entry. Stateless apart from its inputs.
 */
final class InetdReview {

    /** Services that have no reason to run as root (their usual user is nobody or tty). */
    private static final Set<String> NEED_NO_ROOT = Set.of("finger", "talk", "ntalk", "comsat", "biff", "tftp", "systat");

    private final KnowledgeBase kb;
    private final EtcServices services;

    InetdReview(KnowledgeBase kb, EtcServices services) {
        this.kb = kb;
        this.services = services;
    }

    /** Adds the file's services to {@code out} and its findings to {@code findings}. */
    void review(String file, String text, List<ConfiguredService> out, Findings findings) {
        Parsed<InetdEntry> parsed = InetdConfFile.parse(file, text);
        parsed.problems().forEach(p -> findings.unreadable("INETD-SYNTAX", p));
        for (InetdEntry e : parsed.items()) {
            Optional<KbEntry> row = e.judgement(kb);
            out.add(new ConfiguredService("inetd", file, e.firstLine(), e.name(), e.transport(), port(e, row), e.server(),
                    e.daemon(), e.wrapped(), false));
            judge(e, row, findings);
        }
    }

    private int port(InetdEntry e, Optional<KbEntry> row) {
        if (e.rpc()) {
            return -1;
        }
        if (e.service().chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(e.service());
        }
        return services.port(e.service(), e.transport())
                .orElse(row.filter(r -> r.rpcProgram() == 0).map(KbEntry::lowPort).orElse(-1));
    }

    private void judge(InetdEntry e, Optional<KbEntry> row, Findings findings) {
        String where = e.file().substring(e.file().lastIndexOf('/') + 1) + ":" + e.firstLine();
        String harden = "jwrap harden --only " + e.service();
        if (e.rpc()) {
            String why = row.map(KbEntry::risk).orElse("RPC services answer anyone who asks the portmapper where they are");
            findings.add(new Finding("INETD-RPC", Severity.HIGH, "RPC service " + e.name() + " enabled in " + where, e.file(),
                    e.firstLine(), e.name(), why, "disable", harden,
                    row.map(r -> List.of(r.ref())).orElse(List.of())));
            return;
        }
        if (row.isEmpty()) {
            findings.plain("INETD-UNKNOWN", Severity.INFO, e.service() + " enabled in " + where
                    + " is not in the knowledge base", e.file(), e.firstLine(),
                    "jwrap cannot judge it; check what " + e.server() + " does and who may use it", "none");
            notWrapped(e, findings);
            return;
        }
        KbEntry r = row.get();
        if (r.recommendation() == Recommendation.DISABLE) {
            findings.judged("INETD-RISKY", r.severity(), e.service() + " enabled in " + where + ": " + r.shortRisk(),
                    e.file(), e.firstLine(), e.service(), r, harden);
        } else {
            if (r.recommendation() == Recommendation.RESTRICT && !e.wrapped()) {
                findings.judged("INETD-UNRESTRICTED", r.severity(), e.service() + " in " + where
                        + " is not wrapped: anyone may connect", e.file(), e.firstLine(), e.service(), r,
                        "jwrap harden --wrap --allow-from NET");
            }
            notWrapped(e, findings);
        }
        if (isTelnetd(e) && !e.args().contains("-h")) {
            findings.judged("BANNER-TELNET", Severity.LOW, "telnetd in " + where + " runs without -h: its pre-login "
                    + "banner names the OS and host", e.file(), e.firstLine(), e.service(), r, "add -h to the arguments");
        }
        if (NEED_NO_ROOT.contains(r.service()) && e.userName().equals("root")) {
            findings.judged("INETD-ROOT", Severity.LOW, e.service() + " in " + where + " runs as root",
                    e.file(), e.firstLine(), e.service(), r, "run it as nobody (or tty for talk)");
        }
    }

    private static void notWrapped(InetdEntry e, Findings findings) {
        if (!e.internal() && !e.wrapped()) {
            findings.plain("INETD-NOT-WRAPPED", Severity.MEDIUM, e.service() + " in " + e.file() + ":" + e.firstLine()
                    + " starts " + e.server() + " directly: hosts.allow does not protect it", e.file(), e.firstLine(),
                    "tcpd checks the access tables only when inetd runs it in front of the daemon",
                    "jwrap harden --wrap, or serve it with jwrap inetd");
        }
    }

    private static boolean isTelnetd(InetdEntry e) {
        String d = e.daemon();
        return d.equals("telnetd") || d.equals("in.telnetd");
    }
}
