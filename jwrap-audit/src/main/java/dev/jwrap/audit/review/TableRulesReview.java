package dev.jwrap.audit.review;

import dev.jwrap.audit.kb.Severity;
import dev.jwrap.core.policy.ClientPattern;
import dev.jwrap.core.policy.HostPattern;
import dev.jwrap.core.policy.OptionStep;
import dev.jwrap.core.policy.PatternList;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.StringPattern;
import dev.jwrap.core.policy.Table;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks of single rules of the compiled tables (spec §4.2) that the core analysis does not make:
 * client patterns that only a DNS answer can match ({@code TW-NAME-BASED}) and {@code spawn}/
 * {@code twist} commands that carry client-controlled expansions ({@code TW-SPAWN-EXPANSION}).
 */
final class TableRulesReview {

    /** %u user, %h host (name or address), %n host name, %c client (user@host): all the client's to choose. */
    private static final Pattern CLIENT_EXPANSION = Pattern.compile("%[uhnc]");

    void review(List<Table> tables, Findings findings) {
        for (Table table : tables) {
            for (Rule rule : table.rules()) {
                nameBased(rule.clients()).ifPresent(token -> findings.plain("TW-NAME-BASED", Severity.LOW,
                        rule.ref().file() + ":" + rule.ref().line() + ": client pattern " + token
                                + " depends on what DNS answers",
                        rule.ref().file(), rule.ref().line(),
                        "whoever controls the reverse zone of an address chooses its name; a failed lookup changes the answer",
                        "use addresses or networks (10.0.0.0/8, [2001:db8::]/32) instead of names"));
                if (rule.hasOptions()) {
                    spawnExpansion(rule, findings);
                }
            }
        }
    }

    private static void spawnExpansion(Rule rule, Findings findings) {
        for (OptionStep step : rule.options()) {
            String command = switch (step) {
                case OptionStep.Spawn s -> s.value();
                case OptionStep.Twist t -> t.value();
                default -> null;
            };
            if (command != null && CLIENT_EXPANSION.matcher(command).find()) {
                findings.plain("TW-SPAWN-EXPANSION", Severity.INFO, rule.ref().file() + ":" + rule.ref().line()
                        + ": a shell command with client-controlled %u/%h/%n/%c", rule.ref().file(), rule.ref().line(),
                        "tcpd replaces shell metacharacters in them, but the text still comes from the client",
                        "make sure the command treats the expansion as untrusted data");
                return;
            }
        }
    }

    /** The first pattern of the list (EXCEPT parts included) that needs a host name, if any. */
    private static Optional<String> nameBased(PatternList<ClientPattern> list) {
        if (list == null) {
            return Optional.empty();
        }
        for (ClientPattern c : list.head()) {
            if (needsName(c.host())) {
                return Optional.of(c.text());
            }
        }
        return nameBased(list.except());
    }

    private static boolean needsName(HostPattern host) {
        return switch (host) {
            case HostPattern.Known k -> true;
            case HostPattern.Local l -> true;
            case HostPattern.Netgroup n -> true;
            case HostPattern.Masked m -> false;
            case HostPattern.FileList f -> f.words().stream().anyMatch(TableRulesReview::needsName);
            case HostPattern.Textual t -> t.alsoName() && !(t.pattern() instanceof StringPattern.Any)
                    && !(t.pattern() instanceof StringPattern.BracketV6) && !t.text().chars().allMatch(ch -> ch == '*');
            case null -> false;
        };
    }
}
