package dev.jwrap.audit.review;

import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Severity;
import dev.jwrap.core.policy.DaemonPattern;
import dev.jwrap.core.policy.PatternList;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.StringPattern;
import dev.jwrap.core.policy.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Daemon names in the tables that nothing answers to ({@code TW-UNKNOWN-DAEMON}, spec §4.2): not an
 * enabled service of inetd, xinetd or systemd, not a running listener's program, and no daemon the
 * knowledge base knows. Most often a typo ({@code in.telnet} for {@code in.telnetd}): the rule then
 * protects nothing. Only plain names are judged; ALL, wildcards and port numbers match anything.
 */
final class DaemonNamesReview {

    private final KnowledgeBase kb;

    DaemonNamesReview(KnowledgeBase kb) {
        this.kb = kb;
    }

    void review(List<Table> tables, List<ConfiguredService> configured, List<Listener> listeners, Findings findings) {
        Set<String> known = known(configured, listeners);
        for (Table t : tables) {
            for (Rule r : t.rules()) {
                unknown(r.daemons(), known).ifPresent(name -> findings.plain("TW-UNKNOWN-DAEMON", Severity.LOW,
                        r.ref().file() + ":" + r.ref().line() + ": daemon " + name + " is no enabled service, no running "
                                + "program and no daemon jwrap knows", r.ref().file(), r.ref().line(),
                        "a rule for a name that no daemon uses protects nothing (a typo?)",
                        "use the name the daemon passes to libwrap: for tcpd, the last path component of the server"));
            }
        }
    }

    private Set<String> known(List<ConfiguredService> configured, List<Listener> listeners) {
        Set<String> names = new HashSet<>();
        for (ConfiguredService c : configured) {
            add(names, c.daemon());
            add(names, c.name());
        }
        for (Listener l : listeners) {
            if (l.owner() != null) {
                add(names, l.owner().comm());
                if (l.owner().exe() != null) {
                    String exe = l.owner().exe().replaceFirst(" \\(deleted\\)$", "");
                    add(names, exe.substring(exe.lastIndexOf('/') + 1));
                }
            }
        }
        for (KbEntry e : kb.entries()) {
            e.daemons().forEach(d -> add(names, d));
            add(names, e.service());
            add(names, e.inetdName());
            e.aliases().forEach(a -> add(names, a));
        }
        return names;
    }

    private static void add(Set<String> names, String name) {
        if (name != null) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
    }

    private static java.util.Optional<String> unknown(PatternList<DaemonPattern> list, Set<String> known) {
        if (list == null) {
            return java.util.Optional.empty();
        }
        for (DaemonPattern d : list.head()) {
            if (d.name() instanceof StringPattern.Exact exact && !known.contains(exact.lower())) {
                return java.util.Optional.of(exact.text());
            }
        }
        return unknown(list.except(), known);
    }
}
