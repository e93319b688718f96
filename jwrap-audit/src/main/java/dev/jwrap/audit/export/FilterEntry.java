package dev.jwrap.audit.export;

import dev.jwrap.core.RuleRef;
import java.util.List;
import java.util.SortedSet;

/**
 * One line of the export in evaluation order: a firewall rule, or a comment explaining why a
 * table rule has no firewall counterpart.
 */
public sealed interface FilterEntry {

    /** The table rule this entry comes from. */
    RuleRef source();

    /**
     * A rule the firewall can enforce.
     *
     * @param source the table rule
     * @param ports the local ports it covers
     * @param clients the clients it covers
     * @param servers the local addresses it covers ({@code daemon@host}), empty for all
     * @param accept accept (an allow verdict or {@code twist}) or reject
     * @param notes what the firewall leaves out (dropped options), one phrase each
     */
    record Filter(RuleRef source, SortedSet<Port> ports, ClientSet clients, List<Cidr> servers, boolean accept,
            List<String> notes) implements FilterEntry {
        public Filter {
            servers = List.copyOf(servers);
            ports = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(ports));
            notes = List.copyOf(notes);
        }
    }

    /**
     * A table rule without a firewall counterpart.
     *
     * @param source the table rule
     * @param reason why, one phrase
     * @param limitation whether the export is weaker than the tables because of it (for --strict)
     */
    record Skipped(RuleRef source, String reason, boolean limitation) implements FilterEntry {}
}
