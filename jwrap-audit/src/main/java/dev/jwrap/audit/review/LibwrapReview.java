package dev.jwrap.audit.review;

import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.inventory.ProcessInfo;
import dev.jwrap.audit.kb.Severity;
import dev.jwrap.core.policy.DaemonPattern;
import dev.jwrap.core.policy.OptionStep;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.StringPattern;
import dev.jwrap.core.policy.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the tables reach the daemons they name (spec §4.2). A daemon reads hosts.allow only when
 * it links libwrap (seen in {@code /proc/PID/maps}) or a super-server (inetd with tcpd, xinetd)
 * checks for it: a rule for any other listener is false comfort ({@code TW-NOT-ENFORCED}). And a
 * default deny locks ssh out when sshd links libwrap and no rule lets anyone reach it
 * ({@code TW-SSHD-NO-ALLOW}). What cannot be read is not judged.
 */
final class LibwrapReview {

    private static final String LIBWRAP = "libwrap.so";
    private static final String SSHD = "sshd";
    private static final int SSH_PORT = 22;

    private final Path root;

    LibwrapReview(Path root) {
        this.root = root;
    }

    void review(List<Listener> listeners, Table allow, Table deny, boolean defaultDeny, Findings findings) {
        notEnforced(listeners, List.of(allow, deny), findings);
        if (defaultDeny && sshdLinksLibwrap(listeners) && !allowsSshd(allow, deny)) {
            findings.plain("TW-SSHD-NO-ALLOW", Severity.HIGH,
                    "sshd reads hosts.allow and hosts.deny, the tables deny by default, and no rule allows sshd:"
                            + " ssh is locked out",
                    "/etc/hosts.allow", 0, "nobody can log in over ssh, the administrator included",
                    "add 'sshd: ADMIN-NET' to hosts.allow (jwrap harden --admin-net NET does it)");
        }
    }

    private void notEnforced(List<Listener> listeners, List<Table> tables, Findings findings) {
        Set<String> reported = new HashSet<>();
        for (Listener l : listeners) {
            ProcessInfo owner = l.owner();
            if (owner == null || ListenerReview.superServer(owner) != null || owner.comm().equals("tcpd")) {
                continue;
            }
            String daemon = daemonName(owner);
            if (reported.contains(daemon) || !named(tables, daemon) || !Boolean.FALSE.equals(linksLibwrap(owner.pid()))) {
                continue;
            }
            reported.add(daemon);
            findings.plain("TW-NOT-ENFORCED", Severity.MEDIUM, "the tables have rules for " + daemon + ", but " + daemon
                    + " (pid " + owner.pid() + ", " + l.transport().word() + " port " + l.port()
                    + ") does not link libwrap and no super-server checks for it", null, 0,
                    "hosts.allow gives false comfort here: the daemon never reads it",
                    "restrict " + daemon + " in its own configuration or in a firewall (jwrap export nftables)");
        }
    }

    /** The name tcpd and libwrap would use: the binary's last path component. */
    private static String daemonName(ProcessInfo p) {
        if (p.exe() == null) {
            return p.comm();
        }
        String exe = p.exe().endsWith(" (deleted)") ? p.exe().substring(0, p.exe().length() - " (deleted)".length()) : p.exe();
        return exe.substring(exe.lastIndexOf('/') + 1);
    }

    /** Whether a rule names the daemon itself (not through ALL or a wildcard). */
    private static boolean named(List<Table> tables, String daemon) {
        for (Table t : tables) {
            for (Rule r : t.rules()) {
                if (mentions(r.daemons(), daemon)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mentions(dev.jwrap.core.policy.PatternList<DaemonPattern> list, String daemon) {
        return list != null
                && (list.head().stream().anyMatch(d -> d.name() instanceof StringPattern.Exact && d.name().matches(daemon))
                        || mentions(list.except(), daemon));
    }

    /** True or false from the process's memory map; null when it cannot be read. */
    private Boolean linksLibwrap(int pid) {
        try {
            return Files.readString(root.resolve("proc/" + pid + "/maps"), StandardCharsets.ISO_8859_1).contains(LIBWRAP);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * From a running sshd's memory map when there is one, else from the installed binary's bytes
     * (its dynamic section names the libraries it needs).
     */
    private boolean sshdLinksLibwrap(List<Listener> listeners) {
        for (Listener l : listeners) {
            if (l.owner() != null && l.owner().comm().equals(SSHD)) {
                Boolean links = linksLibwrap(l.owner().pid());
                if (links != null) {
                    return links;
                }
            }
        }
        try {
            byte[] binary = Files.readAllBytes(root.resolve("usr/sbin/sshd"));
            return new String(binary, StandardCharsets.ISO_8859_1).contains(LIBWRAP);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a rule may grant sshd to some client: an allow-table rule, or a deny-table rule with {@code allow}. */
    private static boolean allowsSshd(Table allow, Table deny) {
        for (Rule r : allow.rules()) {
            if (mayMatchSshd(r) && !hasOption(r, OptionStep.Deny.class)) {
                return true;
            }
        }
        for (Rule r : deny.rules()) {
            if (mayMatchSshd(r) && hasOption(r, OptionStep.Allow.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayMatchSshd(Rule r) {
        return r.daemons().matches(d -> d.name() != null ? d.name().matches(SSHD) : d.port() == SSH_PORT)
                && !r.clients().isEmptyOrEndsInExcept();
    }

    private static boolean hasOption(Rule r, Class<? extends OptionStep> kind) {
        return r.hasOptions() && r.options().stream().anyMatch(kind::isInstance);
    }
}
