package dev.jwrap.audit.review;

import dev.jwrap.audit.config.EtcServices;
import dev.jwrap.audit.config.InetdConfFile;
import dev.jwrap.audit.inventory.Inventory;
import dev.jwrap.audit.inventory.InventoryReader;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Recommendation;
import dev.jwrap.audit.scan.ScanResult;
import dev.jwrap.audit.scan.SelfScan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an audit of a root directory: the inventory of its /proc (when it has one), the review of
 * inetd.conf (and inetd.d), xinetd, systemd socket units and the access tables, each judged against
 * the knowledge base (with the site's {@code etc/jwrap/services.tsv} on top). The audit only reads.
 * One instance per run.
 */
public final class Auditor {

    private final Path root;
    private final KnowledgeBase builtIn;
    private final boolean checkOwner;
    private InetSocketAddress portmapper;

    /**
     * @param root the tree to audit ({@code /} for this host)
     * @param kb the built-in knowledge base
     * @param checkOwner whether tables not owned by root are findings
     */
    public Auditor(Path root, KnowledgeBase kb, boolean checkOwner) {
        this.root = root;
        this.builtIn = kb;
        this.checkOwner = checkOwner;
    }

    /**
     * Asks the portmapper at {@code address} for its registrations instead of the one the live
     * inventory shows on port 111 (for a tree, or a portmapper elsewhere).
     *
     * @return this auditor
     */
    public Auditor portmapper(InetSocketAddress address) {
        this.portmapper = address;
        return this;
    }

    /**
     * Audits the tree.
     *
     * @throws IOException when the root is no directory
     */
    public AuditReport run() throws IOException {
        return run(null);
    }

    /**
     * Audits the tree, and with a {@code scan} also connects to the listeners (live system only).
     *
     * @throws IOException when the root is no directory
     */
    public AuditReport run(SelfScan scan) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "no such directory");
        }
        boolean live = Files.isSameFile(root, Path.of("/"));
        Findings findings = new Findings();
        List<String> limitations = new ArrayList<>();
        KnowledgeBase kb = withSiteRows(findings);
        EtcServices services = EtcServices.read(root);

        List<ConfiguredService> configured = new ArrayList<>();
        InetdReview inetd = new InetdReview(kb, services);
        for (Path file : InetdConfFile.files(root,
                e -> findings.unreadable("INETD-UNREADABLE", "/etc/inetd.d: cannot list: " + reason(e)))) {
            String display = "/" + root.relativize(file);
            try {
                inetd.review(display, Files.readString(file, StandardCharsets.ISO_8859_1), configured, findings);
            } catch (IOException e) {
                findings.unreadable("INETD-UNREADABLE", display + ": cannot read: " + reason(e));
            }
        }
        new XinetdReview(kb).review(root, configured, findings);
        new SocketUnitReview(kb).review(root, configured, findings);

        boolean riskyWrapped = configured.stream().anyMatch(c -> c.wrapped()
                && kb.byName(c.name(), c.transport()).map(r -> r.recommendation() == Recommendation.DISABLE).orElse(false));
        AccessReview.Posture posture = new AccessReview(checkOwner).review(root, riskyWrapped, findings);

        List<JudgedListener> listeners = List.of();
        List<ScanResult> scans = List.of();
        List<RpcRegistration> rpc = List.of();
        List<dev.jwrap.audit.inventory.Listener> seen = List.of();
        if (Files.isDirectory(root.resolve("proc/net"))) {
            Inventory inv = new InventoryReader(root).read();
            limitations.addAll(inv.limitations());
            limitations.addAll(inv.warnings());
            seen = inv.listeners();
            rpc = new PortmapperReview(kb).review(portmapper, live, inv.listeners(), limitations);
            listeners = new ListenerReview(kb, services).review(inv.listeners(), configured, rpc, findings);
            new SuperServerReview().review(root.resolve("proc"), Files.exists(root.resolve("etc/inetd.conf")),
                    Files.exists(root.resolve("etc/xinetd.conf")), configured, inv.listeners(), findings);
            if (scan != null && live) {
                scans = scan.scan(inv.listeners());
                scanFindings(scans, findings);
            } else if (scan != null) {
                limitations.add("--scan connects to this host only: not run for the tree " + root);
            }
        } else {
            limitations.add("no " + root.resolve("proc/net") + ": no listener inventory (configuration reviewed only)");
        }
        new LibwrapReview(root).review(seen, posture.allow(), posture.deny(), posture.defaultDeny(), findings);
        new DaemonNamesReview(kb).review(List.of(posture.allow(), posture.deny()), configured, seen, findings);
        new BootReview(root, kb).review(findings);
        return new AuditReport(root.toString(), live, limitations, listeners, configured, posture.allowPresent(),
                posture.denyPresent(), posture.defaultDeny(), findings.list(), scans, rpc);
    }

    /** A listener that does not answer from an own address: a local firewall rule, not a closed service. */
    private static void scanFindings(List<ScanResult> scans, Findings findings) {
        for (ScanResult r : scans) {
            r.filtered().forEach((port, why) -> findings.plain("SCAN-FILTERED", dev.jwrap.audit.kb.Severity.INFO,
                    "port " + port + " listens but " + dev.jwrap.core.internal.AddressText.format(r.target()) + " port " + port + " does not answer (" + why + ")",
                    null, 0, "a local firewall rule drops the connection: the service is not reachable there",
                    "none, if the firewall rule is intended"));
        }
    }

    private KnowledgeBase withSiteRows(Findings findings) {
        Path site = root.resolve("etc/jwrap/services.tsv");
        if (!Files.exists(site)) {
            return builtIn;
        }
        try {
            String text = Files.readString(site, StandardCharsets.UTF_8);
            return builtIn.with(KnowledgeBase.parse("/etc/jwrap/services.tsv", text, p -> findings.unreadable("KB-SYNTAX", p)));
        } catch (IOException e) {
            findings.unreadable("KB-SYNTAX", "/etc/jwrap/services.tsv: cannot read: " + reason(e));
            return builtIn;
        }
    }

    static String reason(IOException e) {
        String kind = e.getClass().getSimpleName();
        return switch (kind) {
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "no such file";
            default -> e.getMessage() == null ? kind : e.getMessage();
        };
    }
}
