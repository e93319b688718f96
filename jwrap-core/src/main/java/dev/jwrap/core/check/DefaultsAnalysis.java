package dev.jwrap.core.check;

import dev.jwrap.core.policy.ClientPattern;
import dev.jwrap.core.policy.DaemonPattern;
import dev.jwrap.core.policy.HostPattern;
import dev.jwrap.core.policy.OptionStep;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The policy's stance as a whole: hosts.allow rules that let every client in, and a hosts.deny
 * without a final {@code ALL: ALL} — without one, whatever no rule mentions is granted (spec §1.1).
 */
final class DefaultsAnalysis {

    private DefaultsAnalysis() {}

    /**
     * @param denyLines the number of lines of hosts.deny, where a missing default is reported
     */
    static List<Finding> analyze(Table allow, Table deny, int denyLines) {
        List<Finding> out = new ArrayList<>();
        boolean allowDecidesAll = false;
        for (Rule rule : allow.rules()) {
            if (hasOption(rule, OptionStep.Aclexec.class)) {
                break; // a failing aclexec sends the request on: nothing after it is certain
            }
            boolean everyService = Coverage.listUniversal(rule.daemons(), Coverage::isUniversal);
            boolean everyClient = Coverage.listUniversal(rule.clients(), Coverage::isUniversal);
            // "ALL: ALL: deny" at the end of hosts.allow is a default deny of its own (hosts_options(5))
            allowDecidesAll |= everyService && everyClient;
            if (!grants(rule) || !Coverage.listUniversal(rule.clients(), DefaultsAnalysis::broad)) {
                continue;
            }
            String who = everyClient ? "every client" : "every " + family(rule) + " client";
            out.add(new Finding(everyService ? Finding.Severity.WARNING : Finding.Severity.NOTE, FindingCode.BROAD_ALLOW,
                    rule.ref().file(), rule.ref().line(), everyService
                            ? "allows " + who + " to use every service" + (everyClient ? ": hosts.deny is never consulted" : "")
                            : "allows " + who + " to use " + services(rule)));
        }
        if (!allowDecidesAll && !deny.endsInError() && deny.rules().stream().noneMatch(DefaultsAnalysis::deniesEverything)) {
            out.add(new Finding(Finding.Severity.WARNING, FindingCode.NO_DEFAULT_DENY, deny.name(), denyLines,
                    deny.name() + " has no final \"ALL: ALL\": requests that no rule matches are granted"));
        }
        return out;
    }

    /** A rule that matches every request and then denies (a {@code twist} refuses service too). */
    private static boolean deniesEverything(Rule rule) {
        return Coverage.listUniversal(rule.daemons(), Coverage::isUniversal)
                && Coverage.listUniversal(rule.clients(), Coverage::isUniversal)
                && !hasOption(rule, OptionStep.Allow.class)
                && !hasOption(rule, OptionStep.Aclexec.class);
    }

    /** An allow-table rule that grants when it matches (no deny, twist or option error). */
    private static boolean grants(Rule rule) {
        return !hasOption(rule, OptionStep.Deny.class) && !hasOption(rule, OptionStep.Twist.class)
                && !hasOption(rule, OptionStep.Failure.class);
    }

    /** ALL, {@code *}, or every IPv4 or every IPv6 address ({@code 0.0.0.0/0.0.0.0}, {@code [::]/0}). */
    private static boolean broad(ClientPattern c) {
        if (Coverage.isUniversal(c)) {
            return true;
        }
        return (c.user() == null || Coverage.isUniversal(c.user())) && c.host() instanceof HostPattern.Masked m
                && ((m.mask().v4Net() == 0 && m.mask().v4Mask() == 0) || (m.mask().v6Net() != null && m.mask().v6Length() == 0));
    }

    private static String services(Rule rule) {
        String names = rule.daemons().head().stream().map(DaemonPattern::text).collect(Collectors.joining(", "));
        return rule.daemons().except() == null ? names : names + " (with exceptions)";
    }

    private static String family(Rule rule) {
        for (ClientPattern c : rule.clients().head()) {
            if (c.host() instanceof HostPattern.Masked m && m.mask().v6Net() != null) {
                return "IPv6";
            }
        }
        return "IPv4";
    }

    private static boolean hasOption(Rule rule, Class<? extends OptionStep> kind) {
        return rule.hasOptions() && rule.options().stream().anyMatch(kind::isInstance);
    }
}
