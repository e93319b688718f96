package dev.jwrap.core;

import java.util.List;
import java.util.Optional;

/**
 * The answer of an access check: the verdict, the rule that decided it (none when no rule
 * matched), the options that ran, the log priorities in force, and for {@link Verdict#DELEGATED}
 * the expanded {@code twist} command. Immutable.
 *
 * @param verdict granted, denied or delegated
 * @param rule the deciding rule, or null when no rule matched (or a table could not be read)
 * @param options the options of the deciding rule that were carried out, in order, with their
 *     expanded values (the {@code option:} lines of a verbose tcpdmatch)
 * @param allowPriority the priority of the "connect from" log line
 * @param denyPriority the priority of the "refused connect" and "twist" log lines
 * @param twistCommand the shell command that replaces the service, or null
 * @param error the option error that denied access, or null
 */
public record Decision(
        Verdict verdict,
        RuleRef rule,
        List<AppliedOption> options,
        SyslogPriority allowPriority,
        SyslogPriority denyPriority,
        String twistCommand,
        String error) {

    public Decision {
        options = List.copyOf(options);
    }

    /** One option that ran: keyword (lower case) and its value after %-expansion ("" if none). */
    public record AppliedOption(String keyword, String value) {}

    public boolean isGranted() {
        return verdict == Verdict.GRANTED;
    }

    public Optional<RuleRef> deciding() {
        return Optional.ofNullable(rule);
    }
}
