package dev.jwrap.audit.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a plan as an nftables ruleset (audit spec §7.3): one {@code inet jwrap} table whose
 * input chain runs just before the distribution's filter chain, accepts by default so that it can
 * only narrow what the host allows, and lists the rules in tcpd's order. The file deletes and
 * recreates the table, so loading it twice gives the same ruleset.
 */
public final class NftablesWriter {

    private final boolean drop;

    /** @param drop whether a deny rule drops silently instead of answering with a reset */
    public NftablesWriter(boolean drop) {
        this.drop = drop;
    }

    /** The ruleset text. */
    public String write(ExportPlan plan) {
        StringBuilder out = new StringBuilder("#!/usr/sbin/nft -f\n");
        out.append(EntryText.header("nftables", plan));
        out.append("# a drop in any other chain is final; an accept there does not end this chain.\n");
        out.append("table inet jwrap\n");
        out.append("delete table inet jwrap\n");
        out.append("table inet jwrap {\n");
        out.append("  chain input_jwrap {\n");
        out.append("    type filter hook input priority filter - 5; policy accept;\n");
        out.append("    ct state established,related accept\n");
        for (FilterEntry entry : plan.entries()) {
            out.append(EntryText.comments(entry, "    "));
            if (entry instanceof FilterEntry.Filter f) {
                for (String rule : rules(f)) {
                    out.append("    ").append(rule).append('\n');
                }
            }
        }
        out.append("  }\n");
        out.append("}\n");
        return out.toString();
    }

    private List<String> rules(FilterEntry.Filter f) {
        List<String> addressMatches = new ArrayList<>();
        ClientSet clients = f.clients();
        if (clients.everyone() && f.servers().isEmpty()) {
            addressMatches.add("");
        } else {
            for (boolean v6 : new boolean[] {false, true}) {
                List<String> servers = f.servers().stream().filter(c -> c.v6() == v6).map(Cidr::text).toList();
                if (!clients.reaches(v6) || (!f.servers().isEmpty() && servers.isEmpty())) {
                    continue;
                }
                String match = clients.everyone() ? "" : addresses(clients, v6);
                if (!servers.isEmpty()) {
                    match += " " + (v6 ? "ip6" : "ip") + " daddr " + set(servers);
                }
                addressMatches.add(match);
            }
        }
        List<String> rules = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> proto : EntryText.byProtocol(f.ports()).entrySet()) {
            String ports = proto.getKey() + " dport " + set(proto.getValue().stream().map(String::valueOf).toList());
            for (String match : addressMatches) {
                rules.add(ports + match + " " + verdict(f.accept(), proto.getKey()));
            }
        }
        return rules;
    }

    private static String addresses(ClientSet clients, boolean v6) {
        String family = v6 ? "ip6" : "ip";
        StringBuilder match = new StringBuilder();
        if (!clients.any()) {
            match.append(' ').append(family).append(" saddr ").append(set(texts(clients.include(v6))));
        }
        List<Cidr> exclude = clients.exclude(v6);
        if (!exclude.isEmpty()) {
            match.append(' ').append(family).append(" saddr != ").append(set(texts(exclude)));
        } else if (clients.any()) {
            match.append(" meta nfproto ").append(v6 ? "ipv6" : "ipv4");
        }
        return match.toString();
    }

    private String verdict(boolean accept, String protocol) {
        if (accept) {
            return "accept";
        }
        if (drop) {
            return "drop";
        }
        return protocol.equals("tcp") ? "reject with tcp reset" : "reject";
    }

    private static List<String> texts(List<Cidr> cidrs) {
        return cidrs.stream().map(Cidr::text).toList();
    }

    private static String set(List<String> items) {
        return items.size() == 1 ? items.getFirst() : "{ " + String.join(", ", items) + " }";
    }
}
