package dev.jwrap.core.policy;

import dev.jwrap.core.RuleRef;
import java.util.List;

/**
 * One compiled rule: {@code daemon_list : client_list [ : option : ... ]}.
 *
 * @param index position among all rules of its table, from 0
 * @param ref where it is written
 * @param daemons the daemon list
 * @param clients the client list
 * @param options the option steps, or null when the rule has no option field
 */
public record Rule(int index, RuleRef ref, PatternList<DaemonPattern> daemons, PatternList<ClientPattern> clients,
        List<OptionStep> options) {

    public Rule {
        options = options == null ? null : List.copyOf(options);
    }

    public boolean hasOptions() {
        return options != null;
    }
}
