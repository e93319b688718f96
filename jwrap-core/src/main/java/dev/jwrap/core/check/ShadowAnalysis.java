package dev.jwrap.core.check;

import dev.jwrap.core.policy.OptionStep;
import dev.jwrap.core.policy.PatternList;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds rules that can never decide a request: their lists can never match, or an earlier rule
 * matches every request they match. Within a table the earlier rule always ends the scan. An
 * allow-table rule also hides deny-table rules — unless an {@code aclexec} at or before it may
 * fail, which sends the request on to hosts.deny (spec §4.2). Only proven cases are reported.
 */
final class ShadowAnalysis {

    private ShadowAnalysis() {}

    static List<Finding> analyze(Table allow, Table deny) {
        List<Finding> out = new ArrayList<>();
        analyzeTable(allow, List.of(), out);
        analyzeTable(deny, allowRulesThatEndTheCheck(allow), out);
        return out;
    }

    /** The allow rules before the first {@code aclexec}: when one matches, hosts.deny is never read. */
    private static List<Rule> allowRulesThatEndTheCheck(Table allow) {
        List<Rule> out = new ArrayList<>();
        for (Rule rule : allow.rules()) {
            if (rule.hasOptions() && rule.options().stream().anyMatch(o -> o instanceof OptionStep.Aclexec)) {
                break;
            }
            out.add(rule);
        }
        return out;
    }

    private static void analyzeTable(Table table, List<Rule> earlierTable, List<Finding> out) {
        List<Rule> rules = table.rules();
        for (int j = 0; j < rules.size(); j++) {
            Rule y = rules.get(j);
            if (plainEmpty(y.daemons()) || plainEmpty(y.clients())) {
                continue; // tcpdchk reports "list is empty"
            }
            String never = whyNever(y);
            if (never != null) {
                out.add(finding(y, FindingCode.NEVER_MATCHES, "rule can never match: " + never));
                continue;
            }
            Rule x = firstCovering(rules.subList(0, j), y);
            if (x == null) {
                x = firstCovering(earlierTable, y);
            }
            if (x != null) {
                out.add(finding(y, FindingCode.SHADOWED_RULE, "rule can never take effect: " + x.ref().file()
                        + " line " + x.ref().line() + " (" + x.ref().text().strip()
                        + ") already decides every request it matches"));
            }
        }
    }

    private static Rule firstCovering(List<Rule> earlier, Rule y) {
        for (Rule x : earlier) {
            if (Coverage.covers(x, y)) {
                return x;
            }
        }
        return null;
    }

    private static boolean plainEmpty(PatternList<?> list) {
        return list.head().isEmpty() && list.except() == null;
    }

    /** Why a rule's lists can never match, or null. */
    static String whyNever(Rule rule) {
        String daemons = whyNever(rule.daemons(), "daemon", Coverage::neverMatches);
        return daemons != null ? daemons : whyNever(rule.clients(), "client", Coverage::neverMatches);
    }

    private static <T> String whyNever(PatternList<T> list, String kind, Predicate<T> never) {
        if (plainEmpty(list)) {
            return null; // tcpdchk reports "list is empty"
        }
        if (list.head().isEmpty()) {
            return "the " + kind + " list starts with EXCEPT";
        }
        if (Coverage.listNeverMatches(list, never)) {
            return "no pattern before EXCEPT in the " + kind + " list can match";
        }
        return null;
    }

    private static Finding finding(Rule rule, FindingCode code, String message) {
        return new Finding(Finding.Severity.WARNING, code, rule.ref().file(), rule.ref().line(), message);
    }
}
