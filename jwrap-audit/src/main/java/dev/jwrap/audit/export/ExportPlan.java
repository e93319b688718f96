package dev.jwrap.audit.export;

import dev.jwrap.core.RuleRef;
import dev.jwrap.core.policy.ClientPattern;
import dev.jwrap.core.policy.DaemonPattern;
import dev.jwrap.core.policy.HostPattern;
import dev.jwrap.core.policy.OptionStep;
import dev.jwrap.core.policy.PatternList;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.StringPattern;
import dev.jwrap.core.policy.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The access tables as firewall entries in tcpd's evaluation order (audit spec §7.1): hosts.allow
 * then hosts.deny, one entry per rule, first match wins, no match accepts.
 *
 * <p>Whatever cannot be expressed is skipped with its reason. Skipping a deny rule only makes
 * the firewall more lenient than tcpd, which still refuses those clients, so translation goes
 * on. Skipping an allow rule would let a later deny rule refuse clients tcpd lets in, so every
 * later rule is dropped for that rule's ports: the firewall never refuses what tcpd allows.
 *
 * @param sources the table files, as the header names them
 * @param entries the entries in evaluation order
 * @param problems configuration that could not be used
 */
public record ExportPlan(List<String> sources, List<FilterEntry> entries, List<String> problems) {

    public ExportPlan {
        sources = List.copyOf(sources);
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** Whether some rule was left out in a way that makes the firewall weaker than the tables. */
    public boolean limited() {
        return entries.stream().anyMatch(e -> e instanceof FilterEntry.Skipped s && s.limitation());
    }

    /** Plans the export of an allow and a deny table. */
    public static ExportPlan of(Table allow, Table deny, ServicePorts ports) {
        for (Table table : List.of(allow, deny)) {
            for (Rule rule : table.rules()) {
                namedDaemons(rule.daemons()).forEach(ports::ports);
            }
        }
        Planner planner = new Planner(ports);
        planner.table(allow, true);
        planner.table(deny, false);
        return new ExportPlan(List.of(allow.name(), deny.name()), planner.entries, ports.problems());
    }

    private static List<String> namedDaemons(PatternList<DaemonPattern> list) {
        List<String> names = new ArrayList<>();
        for (PatternList<DaemonPattern> l = list; l != null; l = l.except()) {
            for (DaemonPattern d : l.head()) {
                if (d.isPlainName()) {
                    names.add(d.name().text());
                }
            }
        }
        return names;
    }

    /** Walks the rules once, keeping the ports after which translation had to stop. */
    private static final class Planner {
        private final ServicePorts ports;
        private final List<FilterEntry> entries = new ArrayList<>();
        private final SortedSet<Port> stopped = new TreeSet<>();

        Planner(ServicePorts ports) {
            this.ports = ports;
        }

        void table(Table table, boolean allowTable) {
            for (Rule rule : table.rules()) {
                rule(rule, allowTable);
            }
        }

        private void rule(Rule rule, boolean allowTable) {
            RuleRef ref = rule.ref();
            boolean accept = allowTable;
            List<String> notes = new ArrayList<>();
            if (rule.hasOptions()) {
                for (OptionStep step : rule.options()) {
                    switch (step) {
                        case OptionStep.Allow a -> accept = true;
                        case OptionStep.Deny d -> accept = false;
                        case OptionStep.Twist t -> {
                            accept = true;
                            notes.add("twist: accepted so that the twisted command can answer");
                        }
                        case OptionStep.Aclexec a -> {
                            skip(ref, "aclexec decides at connect time", allowTable, ports(rule.daemons()).ports);
                            return;
                        }
                        case OptionStep.Failure f -> {
                            skip(ref, "option error (" + f.message() + "): tcpd refuses at connect time", false, null);
                            return;
                        }
                        default -> notes.add(step.keyword() + " ignored");
                    }
                }
            }
            Ports daemonPorts = ports(rule.daemons());
            if (daemonPorts.reason != null) {
                skip(ref, daemonPorts.reason, accept, null);
                return;
            }
            ClientTranslation.Result clients = ClientTranslation.of(rule.clients());
            if (clients.reason() != null) {
                skip(ref, clients.reason(), accept, daemonPorts.ports);
                return;
            }
            SortedSet<Port> open = new TreeSet<>(daemonPorts.ports);
            open.removeAll(stopped);
            if (open.isEmpty()) {
                String why = daemonPorts.ports.isEmpty() ? "no known port for these daemons"
                        : "follows an untranslatable allow rule for the same ports";
                entries.add(new FilterEntry.Skipped(ref, why, !daemonPorts.ports.isEmpty()));
                return;
            }
            ClientSet set = clients.clients();
            if (!set.any() && set.include().isEmpty() || daemonPorts.servers == null) {
                String why = daemonPorts.servers == null ? "the @host part matches no address" : "matches no client";
                entries.add(new FilterEntry.Skipped(ref, why, false));
                return;
            }
            if (open.stream().anyMatch(p -> p.protocol().equals("udp"))) {
                // tcpd(8): a wait-type UDP service is checked on its first datagram only
                notes.add("udp: the firewall checks every datagram, tcpd only the first of a wait service");
            }
            entries.add(new FilterEntry.Filter(ref, open, set, daemonPorts.servers, accept, notes));
        }

        /**
         * Records a skipped rule; after a skipped allow, later rules for its ports are dropped.
         *
         * @param affected the rule's ports, or null when they are unknown (then: every wrapped port)
         */
        private void skip(RuleRef ref, String reason, boolean accept, SortedSet<Port> affected) {
            SortedSet<Port> reach = affected == null ? ports.allWrapped() : affected;
            if (accept) {
                stopped.addAll(reach);
            }
            entries.add(new FilterEntry.Skipped(ref, reason, !reach.isEmpty()));
        }

        /**
         * The ports of a daemon list and the local addresses of its {@code @host} part.
         *
         * @param servers the addresses (empty: any), or null when the {@code @host} part matches none
         */
        private record Ports(SortedSet<Port> ports, List<Cidr> servers, String reason) {
            Ports(String reason) {
                this(null, List.of(), reason);
            }
        }

        private Ports ports(PatternList<DaemonPattern> list) {
            if (list.except() != null && list.except().except() != null) {
                return new Ports("nested EXCEPT in the daemon list");
            }
            String hostText = list.head().isEmpty() || list.head().getFirst().host() == null ? null
                    : list.head().getFirst().host().text();
            for (DaemonPattern d : list.head()) {
                if (!java.util.Objects.equals(hostText, d.host() == null ? null : d.host().text())) {
                    return new Ports(d.text() + ": daemons with different @host parts in one list are not translated");
                }
            }
            List<Cidr> servers = new ArrayList<>();
            if (hostText != null) {
                HostPattern host = list.head().getFirst().host();
                boolean any = host instanceof HostPattern.Textual t && t.pattern() instanceof StringPattern.Any;
                String reason = any ? null : ClientTranslation.host(host, servers);
                if (reason != null) {
                    return new Ports("@" + reason);
                }
                if (!any && servers.isEmpty()) {
                    servers = null;
                }
            }
            SortedSet<Port> head = new TreeSet<>();
            for (DaemonPattern d : list.head()) {
                String reason = add(d, head);
                if (reason != null) {
                    return new Ports(reason);
                }
            }
            if (list.except() != null) {
                SortedSet<Port> except = new TreeSet<>();
                for (DaemonPattern d : list.except().head()) {
                    if (d.host() != null) {
                        return new Ports(d.text() + ": daemon@host after EXCEPT is not translated");
                    }
                    String reason = add(d, except);
                    if (reason != null) {
                        return new Ports(reason);
                    }
                }
                head.removeAll(except);
            }
            return new Ports(head, servers, null);
        }

        private String add(DaemonPattern d, SortedSet<Port> out) {
            if (d.port() >= 0) {
                out.add(new Port("tcp", d.port()));
                return null;
            }
            if (d.name() instanceof StringPattern.Any) {
                out.addAll(ports.allWrapped());
                return null;
            }
            if (!d.isPlainName()) {
                return d.text() + ": a daemon name pattern has no fixed port";
            }
            out.addAll(ports.ports(d.name().text()));
            return null;
        }
    }
}
