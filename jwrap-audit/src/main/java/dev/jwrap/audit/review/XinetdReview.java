package dev.jwrap.audit.review;

import dev.jwrap.audit.config.Parsed;
import dev.jwrap.audit.config.XinetdConf;
import dev.jwrap.audit.config.XinetdService;
import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Recommendation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Judges the enabled xinetd services (spec §4.4): risky ones, and restrict ones that xinetd lets
 * anyone reach (no {@code only_from}). A service is enabled unless {@code disable = yes}: an absent
 * {@code disable} line means enabled.
 */
final class XinetdReview {

    private final KnowledgeBase kb;

    XinetdReview(KnowledgeBase kb) {
        this.kb = kb;
    }

    void review(Path root, List<ConfiguredService> out, Findings findings) {
        Parsed<XinetdService> parsed = XinetdConf.read(root);
        parsed.problems().forEach(p -> findings.unreadable("XINETD-SYNTAX", p));
        for (XinetdService s : parsed.items()) {
            if (!s.enabled()) {
                continue;
            }
            Optional<KbEntry> row = kb.byName(s.name(), s.transport());
            String server = s.value("server") == null ? "internal" : s.value("server");
            String daemon = s.value("libwrap") != null ? s.value("libwrap") : s.name();
            int port = s.value("port") != null ? parsePort(s.value("port")) : row.map(KbEntry::lowPort).orElse(-1);
            out.add(new ConfiguredService("xinetd", s.file(), s.line(), s.id(), s.transport(), port, server, daemon,
                    true, s.restricted()));
            if (row.isEmpty()) {
                continue;
            }
            KbEntry r = row.get();
            String where = s.file() + ":" + s.line();
            if (r.recommendation() == Recommendation.DISABLE) {
                findings.judged("XINETD-RISKY", r.severity(), s.id() + " enabled in " + where + ": " + r.shortRisk(),
                        s.file(), s.line(), s.id(), r, "jwrap harden --only " + s.name());
            } else if (r.recommendation() == Recommendation.RESTRICT && !s.restricted()) {
                findings.judged("XINETD-UNRESTRICTED", r.severity(), s.id() + " in " + where + " has no only_from",
                        s.file(), s.line(), s.id(), r, "add only_from = NET to the block, or rules to hosts.allow");
            }
        }
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
