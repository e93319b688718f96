package dev.jwrap.audit.harden;

import dev.jwrap.audit.config.EtcServices;
import dev.jwrap.audit.config.InetdConfFile;
import dev.jwrap.audit.config.InetdEntry;
import dev.jwrap.audit.config.XinetdConf;
import dev.jwrap.audit.config.XinetdService;
import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Recommendation;
import dev.jwrap.core.check.FindingCode;
import dev.jwrap.core.check.PolicyAnalyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a harden {@link Plan} (spec §5.2, §5.3) as a pure function of the tree's bytes, the
 * options and the knowledge base, then has {@link LockoutCheck} verify it with the engine. Nothing
 * is written here. Not thread-safe: one per run.
 */
final class Planner {

    /** The plan cannot be made or would be unsafe: the message is the one line the user sees. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static final String INETD = "etc/inetd.conf";
    private static final String ALLOW = "etc/hosts.allow";
    private static final String DENY = "etc/hosts.deny";

    private final KnowledgeBase kb;
    private final AdminSession session;

    Planner(KnowledgeBase kb, AdminSession session) {
        this.kb = kb;
        this.session = session;
    }

    Plan plan(HardenOptions o) throws Refused {
        List<Plan.Change> changes = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        Map<String, String> keptWrapped = new LinkedHashMap<>(); // daemon -> service
        java.util.Set<String> closing = new java.util.TreeSet<>();
        EtcServices services = EtcServices.read(o.root());

        Path inetdFile = target(o.root(), INETD, notices);
        byte[] inetdBytes = read(inetdFile, INETD);
        if (inetdBytes != null) {
            String text = new String(inetdBytes, StandardCharsets.ISO_8859_1);
            List<InetdEdit.Disable> disables = new ArrayList<>();
            List<InetdEntry> toWrap = new ArrayList<>();
            List<InetdEntry> entries = InetdConfFile.parse("/" + INETD, text).items();
            for (InetdEntry e : entries) {
                Optional<KbEntry> row = e.judgement(kb);
                boolean kept = named(o.keep(), e);
                boolean selected = row.isPresent() && row.get().recommendation() == Recommendation.DISABLE && !kept
                        && (o.only().isEmpty() || named(o.only(), e));
                if (selected) {
                    servesThisSession(e.service(), e.wrapped() || !e.internal() ? e.daemon() : null, o);
                    disables.add(new InetdEdit.Disable(e, row.get()));
                    port(services, e.service(), e.transport()).ifPresent(p -> closing.add(e.transport() + "/" + p));
                } else if (o.wrap() && !e.internal() && !e.wrapped() && !e.rpc()) {
                    toWrap.add(e);
                } else if (e.wrapped() && (kept || row.map(r -> r.recommendation() == Recommendation.RESTRICT).orElse(false))) {
                    keptWrapped.putIfAbsent(e.daemon(), e.service());
                }
                if (kept && row.isPresent() && row.get().recommendation() == Recommendation.DISABLE) {
                    notices.add("keeping " + e.service() + " (--keep): " + row.get().shortRisk());
                }
                if (row.isEmpty() && !e.rpc()) {
                    notices.add(e.service() + " (inetd.conf:" + e.firstLine() + ") is not in the knowledge base: left as it is");
                }
            }
            List<InetdEdit.Wrap> wraps = wraps(o.root(), toWrap, keptWrapped);
            if (!disables.isEmpty() || !wraps.isEmpty()) {
                String after = InetdEdit.apply(text, disables, wraps, o.date());
                changes.add(new Plan.Change(INETD, inetdFile, inetdBytes, after.getBytes(StandardCharsets.ISO_8859_1)));
                advice.add("reload: kill -HUP $(cat /run/inetd.pid)   # or: systemctl reload inetd");
                if (disables.size() == entries.size()) {
                    advice.add("inetd has no enabled service left: systemctl disable --now inetd   # OpenBSD: inetd=NO in rc.conf");
                }
            }
        }

        xinetd(o, changes, advice, services, closing);

        Path allowFile = target(o.root(), ALLOW, notices);
        Path denyFile = target(o.root(), DENY, notices);
        byte[] allowBefore = read(allowFile, ALLOW);
        byte[] denyBefore = read(denyFile, DENY);
        String allowText = allowBefore == null ? "" : new String(allowBefore, StandardCharsets.ISO_8859_1);
        String denyText = denyBefore == null ? "" : new String(denyBefore, StandardCharsets.ISO_8859_1);

        boolean hasDefaultDeny = new PolicyAnalyzer()
                .analyze("hosts.allow", allowText.getBytes(StandardCharsets.ISO_8859_1), "hosts.deny",
                        denyText.getBytes(StandardCharsets.ISO_8859_1))
                .stream().noneMatch(f -> f.code() == FindingCode.NO_DEFAULT_DENY);
        String denyAfter = denyText;
        if (!hasDefaultDeny && !o.noDefaultDeny()) {
            denyAfter = TablesEdit.defaultDeny(denyText, o.date());
        }
        boolean denyInEffect = hasDefaultDeny || !o.noDefaultDeny();

        LockoutCheck lockout = new LockoutCheck();
        String allowAfter = allowText;
        List<ClientNet> sshd = new ArrayList<>(o.adminNet());
        if (session.live() && session.sshdWrapped()) {
            if (session.address() != null) {
                sshd.add(ClientNet.parse(session.address()));
            }
            sshd.addAll(o.allowFrom());
            if (sshd.isEmpty() && denyInEffect) {
                throw new Refused("would lock out ssh: sshd reads hosts.allow and no session address is known; "
                        + "give --admin-net NET or --no-default-deny");
            }
        }
        if (denyInEffect) {
            for (Map.Entry<String, String> k : keptWrapped.entrySet()) {
                allowAfter = lockout.addAllow(allowAfter, denyAfter, k.getKey(), o.allowFrom(),
                        "keep " + k.getValue() + " reachable from the allowed networks", o.date());
            }
            allowAfter = lockout.addAllow(allowAfter, denyAfter, "sshd", sshd,
                    "keep ssh reachable from the admin network", o.date());
            lockout.verify(allowAfter, denyAfter);
        }
        if (!allowAfter.equals(allowText)) {
            changes.add(new Plan.Change(ALLOW, allowFile, allowBefore, allowAfter.getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (!denyAfter.equals(denyText)) {
            changes.add(new Plan.Change(DENY, denyFile, denyBefore, denyAfter.getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (changes.stream().anyMatch(c -> c.path().equals(ALLOW) || c.path().equals(DENY))) {
            advice.add("hosts.allow and hosts.deny are read at every connection: nothing to reload for them");
        }
        return new Plan(changes, notices, advice, closing);
    }

    /**
     * The kept entries to put behind tcpd (spec §5.3 {@code --wrap}), each added to
     * {@code keptWrapped} under the daemon name tcpd will give it.
     */
    private static List<InetdEdit.Wrap> wraps(Path root, List<InetdEntry> entries, Map<String, String> keptWrapped)
            throws Refused {
        if (entries.isEmpty()) {
            return List.of();
        }
        String tcpd = Files.isRegularFile(root.resolve("usr/sbin/tcpd")) ? "/usr/sbin/tcpd"
                : Files.isRegularFile(root.resolve("usr/libexec/tcpd")) ? "/usr/libexec/tcpd" : null;
        if (tcpd == null) {
            throw new Refused("--wrap: no tcpd at " + root.resolve("usr/sbin/tcpd") + " or " + root.resolve("usr/libexec/tcpd"));
        }
        String tcpdDir = tcpd.substring(0, tcpd.lastIndexOf('/'));
        List<InetdEdit.Wrap> wraps = new ArrayList<>();
        for (InetdEntry e : entries) {
            String server = e.server();
            String first = e.args().isEmpty() ? null : e.args().getFirst();
            // tcpd runs a bare argv[0] from its compiled-in directory, and names the daemon by argv[0]'s last component
            boolean findable = first != null && (first.contains("/")
                    || (server.equals(tcpdDir + "/" + first)));
            String argv0 = findable ? first : server;
            wraps.add(new InetdEdit.Wrap(e, tcpd, findable ? null : server));
            keptWrapped.putIfAbsent(argv0.substring(argv0.lastIndexOf('/') + 1), e.service());
        }
        return wraps;
    }

    /** xinetd services the knowledge base says to disable, one change per file. */
    private void xinetd(HardenOptions o, List<Plan.Change> changes, List<String> advice, EtcServices services,
            java.util.Set<String> closing) throws Refused {
        Map<String, List<XinetdEdit.Disable>> byFile = new LinkedHashMap<>();
        for (XinetdService s : XinetdConf.read(o.root()).items()) {
            Optional<KbEntry> row = kb.byName(s.name(), s.transport());
            boolean named = o.keep().contains(s.name()) || o.keep().contains(s.id());
            boolean only = o.only().isEmpty() || o.only().contains(s.name()) || o.only().contains(s.id());
            if (s.enabled() && row.isPresent() && row.get().recommendation() == Recommendation.DISABLE && !named && only) {
                String server = s.value("server");
                servesThisSession(s.name(), server == null ? null : server.substring(server.lastIndexOf('/') + 1), o);
                byFile.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(new XinetdEdit.Disable(s, row.get()));
                String port = s.value("port");
                (port != null ? port(services, port, s.transport()) : port(services, s.name(), s.transport()))
                        .ifPresent(p -> closing.add(s.transport() + "/" + p));
            }
        }
        for (Map.Entry<String, List<XinetdEdit.Disable>> e : byFile.entrySet()) {
            String path = e.getKey().substring(1);
            Path file = target(o.root(), path, new ArrayList<>());
            byte[] before = read(file, path);
            if (before == null) {
                continue;
            }
            String after = XinetdEdit.apply(new String(before, StandardCharsets.ISO_8859_1), e.getValue(), o.date());
            changes.add(new Plan.Change(path, file, before, after.getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (!byFile.isEmpty()) {
            advice.add("reload: kill -HUP $(pidof xinetd)   # or: systemctl reload xinetd");
        }
    }

    /**
     * Refuses to disable a service whose daemon this very process runs under (spec §5.6 point 5:
     * an administrator logged in over telnet), unless {@code --force}.
     */
    private void servesThisSession(String service, String daemon, HardenOptions o) throws Refused {
        if (daemon != null && !o.force() && session.ancestors().contains(daemon)) {
            throw new Refused("would disable " + service + ", which serves this session (" + daemon
                    + " is a parent of this process): give --keep " + service + ", or --force");
        }
    }

    /** A service field's port: the number itself, or the name looked up in etc/services. */
    private static java.util.OptionalInt port(EtcServices services, String service, String transport) {
        if (!service.isEmpty() && service.length() < 6 && service.chars().allMatch(Character::isDigit)) {
            return java.util.OptionalInt.of(Integer.parseInt(service));
        }
        return services.port(service, transport);
    }

    private static boolean named(java.util.Set<String> names, InetdEntry e) {
        return names.contains(e.service()) || names.contains(e.name()) || names.contains(e.daemon());
    }

    /** The file to write for a path: a symlink's target (said once), else the path itself. */
    private static Path target(Path root, String path, List<String> notices) throws Refused {
        Path p = root.resolve(path);
        if (!Files.isSymbolicLink(p)) {
            return p;
        }
        try {
            Path real = p.toRealPath();
            notices.add("/" + path + " is a symbolic link: changing its target " + real);
            return real;
        } catch (IOException e) {
            throw new Refused("/" + path + ": a symbolic link that leads nowhere: " + Reasons.of(e));
        }
    }

    private static byte[] read(Path file, String path) throws Refused {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new Refused("/" + path + ": cannot read: " + Reasons.of(e));
        }
    }
}
