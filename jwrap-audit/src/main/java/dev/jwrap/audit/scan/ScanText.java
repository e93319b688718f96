package dev.jwrap.audit.scan;

import dev.jwrap.audit.config.EtcServices;
import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.KnowledgeBase;
import java.util.Locale;
import java.util.Map;

/**
 * A scan result in nmap's line shape: {@code PORT STATE SERVICE} for open and filtered ports, a
 * {@code Not shown: N closed tcp ports (conn-refused)} line, and the duration. Service names come
 * from the system's services(5), then the knowledge base. Stateless.
 */
public final class ScanText {

    private final EtcServices services;
    private final KnowledgeBase kb;

    public ScanText(EtcServices services, KnowledgeBase kb) {
        this.services = services;
        this.kb = kb;
    }

    public String render(String name, ScanResult r) {
        StringBuilder out = new StringBuilder();
        String address = dev.jwrap.core.internal.AddressText.format(r.target());
        out.append("jwrap scan report for ").append(name.equals(address) ? address : name + " (" + address + ")").append('\n');
        if (r.closed() > 0) {
            out.append("Not shown: ").append(r.closed()).append(" closed tcp ports (conn-refused)\n");
        }
        if (r.open().isEmpty() && r.filtered().isEmpty()) {
            out.append("All ").append(r.ports().size()).append(" scanned ports are closed\n");
        } else {
            out.append(String.format("%-9s %-8s %s%n", "PORT", "STATE", "SERVICE"));
            java.util.TreeMap<Integer, String> lines = new java.util.TreeMap<>();
            r.open().forEach(p -> lines.put(p, "open"));
            for (Map.Entry<Integer, String> f : r.filtered().entrySet()) {
                lines.put(f.getKey(), "filtered");
            }
            lines.forEach((port, state) -> out.append(String.format("%-9s %-8s %s%n", port + "/tcp", state, name(port))));
        }
        out.append(String.format(Locale.ROOT, "jwrap done: 1 IP address scanned in %.2f seconds%n", r.nanos() / 1e9));
        return out.toString();
    }

    /** The UDP probes' lines: {@code PORT STATE SERVICE}, every probed port, closed ones too. */
    public String renderUdp(java.util.List<UdpProbeResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-9s %-13s %s%n", "PORT", "STATE", "SERVICE"));
        for (UdpProbeResult r : results) {
            out.append(String.format("%-9s %-13s %s%n", r.port() + "/udp", r.state(), r.service().serviceName()));
        }
        return out.toString();
    }

    private String name(int port) {
        String n = services.name(port, "tcp");
        return n != null ? n : kb.byPort(port, "tcp").map(KbEntry::service).orElse("unknown");
    }
}
