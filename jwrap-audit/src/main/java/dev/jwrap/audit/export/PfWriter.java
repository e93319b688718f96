package dev.jwrap.audit.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a plan as pf rules for an anchor (audit spec §7.4). pf lets the last matching rule win,
 * so every rule carries {@code quick} to keep tcpd's first match; rules filter inbound packets
 * only and keep state, so replies need no rule. A client list with {@code EXCEPT} becomes a table
 * with negated entries, which pf resolves by longest prefix.
 */
public final class PfWriter {

    private final boolean drop;

    /** @param drop whether a deny rule drops silently instead of answering */
    public PfWriter(boolean drop) {
        this.drop = drop;
    }

    /** The rules text. */
    public String write(ExportPlan plan) {
        StringBuilder tables = new StringBuilder();
        StringBuilder rules = new StringBuilder();
        int tableCount = 0;
        for (FilterEntry entry : plan.entries()) {
            rules.append(EntryText.comments(entry, ""));
            if (!(entry instanceof FilterEntry.Filter f)) {
                continue;
            }
            String from;
            ClientSet clients = f.clients();
            if (clients.everyone()) {
                from = "any";
            } else if (clients.exclude().isEmpty()) {
                from = list(texts(clients.include()), ", ");
            } else {
                tableCount++;
                String name = "<jwrap_" + tableCount + ">";
                List<String> items = new ArrayList<>(clients.any() ? List.of("0.0.0.0/0", "::/0") : texts(clients.include()));
                for (Cidr c : clients.exclude()) {
                    items.add("!" + c.text());
                }
                tables.append("table ").append(name).append(" const { ").append(String.join(", ", items)).append(" }\n");
                from = name;
            }
            for (Map.Entry<String, List<Integer>> proto : EntryText.byProtocol(f.ports()).entrySet()) {
                rules.append(action(f.accept())).append(" in quick proto ").append(proto.getKey())
                        .append(" from ").append(from).append(" to ")
                        .append(f.servers().isEmpty() ? "any" : list(texts(f.servers()), ", ")).append(" port ")
                        .append(list(proto.getValue().stream().map(String::valueOf).toList(), " ")).append('\n');
            }
        }
        StringBuilder out = new StringBuilder(EntryText.header("pf", plan));
        out.append("# load into an anchor: anchor \"jwrap\" in pf.conf, then pfctl -a jwrap -f FILE;\n");
        out.append("# quick rules of the main ruleset before the anchor still win.\n");
        out.append(tables).append(rules);
        return out.toString();
    }

    private String action(boolean accept) {
        return accept ? "pass" : drop ? "block drop" : "block return";
    }

    private static List<String> texts(List<Cidr> cidrs) {
        return cidrs.stream().map(Cidr::text).toList();
    }

    private static String list(List<String> items, String separator) {
        return items.size() == 1 ? items.getFirst() : "{ " + String.join(separator, items) + " }";
    }
}
