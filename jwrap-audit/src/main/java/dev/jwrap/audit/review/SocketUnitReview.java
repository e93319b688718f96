package dev.jwrap.audit.review;

import dev.jwrap.audit.config.Parsed;
import dev.jwrap.audit.config.SocketUnit;
import dev.jwrap.audit.config.SystemdSockets;
import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Recommendation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Judges enabled, unmasked systemd socket units (spec §4.4) by their name ({@code telnet.socket})
 * or, failing that, by the port they listen on. The finding points at the line that sets the port,
 * which may be a drop-in. systemd's own {@code IPAddressAllow=} counts as a restriction.
 */
final class SocketUnitReview {

    private final KnowledgeBase kb;

    SocketUnitReview(KnowledgeBase kb) {
        this.kb = kb;
    }

    void review(Path root, List<ConfiguredService> out, Findings findings) {
        Parsed<SocketUnit> parsed = SystemdSockets.read(root);
        parsed.problems().forEach(p -> findings.unreadable("SYSTEMD-SYNTAX", p));
        for (SocketUnit u : parsed.items()) {
            if (!u.enabled() || u.masked()) {
                continue;
            }
            boolean restricted = !u.ipAddressAllow().isEmpty();
            for (SocketUnit.Listen l : u.listens()) {
                if (l.port() < 0) {
                    continue;
                }
                Optional<KbEntry> row = kb.byName(u.baseName(), l.transport()).or(() -> kb.byPort(l.port(), l.transport()));
                String activates = u.service() != null ? u.service() : u.baseName() + (u.accept() ? "@.service" : ".service");
                out.add(new ConfiguredService("systemd", l.file(), l.line(), u.name(), l.transport(), l.port(), activates,
                        u.baseName(), false, restricted));
                if (row.isEmpty()) {
                    continue;
                }
                KbEntry r = row.get();
                String title = u.name() + " enabled, listening on " + l.value() + " (" + l.file() + ":" + l.line() + ")";
                if (r.recommendation() == Recommendation.DISABLE) {
                    findings.judged("SYSTEMD-SOCKET-RISKY", r.severity(), title + ": " + r.shortRisk(), l.file(), l.line(),
                            u.name(), r, "systemctl disable --now " + u.name());
                } else if (r.recommendation() == Recommendation.RESTRICT && !restricted) {
                    findings.judged("SYSTEMD-SOCKET-UNRESTRICTED", r.severity(), title + " without IPAddressAllow=",
                            l.file(), l.line(), u.name(), r, "systemctl edit " + u.name() + "  # add IPAddressAllow=NET");
                }
            }
        }
    }
}
