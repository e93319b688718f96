package dev.jwrap.core.policy;

import java.util.function.Predicate;

/**
 * Whether a table decides a daemon's requests from the two addresses alone. A rule that may
 * apply to the daemon rules this out when one of its patterns may need a host name (names,
 * {@code KNOWN}, {@code LOCAL}, {@code @netgroup}, a {@code /file} holding one of those, a
 * {@code daemon@host} part that does) or a user name ({@code user@host}, looked up with ident),
 * or when it has options that may do more than set a verdict or a socket option (a command, a
 * banner, an ident query, a %-expansion). The answer is conservative: "no" may be wrong, "yes"
 * never is.
 */
public final class AddressOnly {

    private AddressOnly() {}

    /** Whether no rule of {@code table} that may apply to {@code daemon} needs more than the addresses. */
    public static boolean decides(Table table, String daemon) {
        for (Rule rule : table.rules()) {
            if (mayApply(rule, daemon) && !addressOnly(rule)) {
                return false;
            }
        }
        return true;
    }

    /** A rule whose daemon list names only other daemons (by name, not port) cannot apply. */
    private static boolean mayApply(Rule rule, String daemon) {
        for (DaemonPattern p : rule.daemons().head()) {
            if (p.port() >= 0 || p.name().matches(daemon)) {
                return true;
            }
        }
        return false;
    }

    private static boolean addressOnly(Rule rule) {
        return all(rule.daemons(), p -> p.host() == null || addressOnly(p.host()))
                && all(rule.clients(), p -> p.user() == null && addressOnly(p.host()))
                && (!rule.hasOptions() || rule.options().stream().allMatch(AddressOnly::onlySetsSomething));
    }

    private static <T> boolean all(PatternList<T> list, Predicate<T> test) {
        for (PatternList<T> part = list; part != null; part = part.except()) {
            if (!part.head().stream().allMatch(test)) {
                return false;
            }
        }
        return true;
    }

    static boolean addressOnly(HostPattern pattern) {
        return switch (pattern) {
            case HostPattern.Masked m -> true;
            // ALL matches every address, so the name is never compared
            case HostPattern.Textual t -> !t.alsoName() || t.pattern() instanceof StringPattern.Any;
            case HostPattern.FileList f -> f.words().stream().allMatch(AddressOnly::addressOnly);
            case HostPattern.Netgroup n -> false;
            case HostPattern.Known k -> false;
            case HostPattern.Local l -> false;
        };
    }

    /** Options with no expansion, no I/O and no command: a verdict, a log priority, a socket option. */
    private static boolean onlySetsSomething(OptionStep step) {
        return step instanceof OptionStep.Allow || step instanceof OptionStep.Deny
                || step instanceof OptionStep.Severity || step instanceof OptionStep.Keepalive
                || step instanceof OptionStep.Linger;
    }
}
