package dev.jwrap.core.tools;

import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.RuleRef;
import dev.jwrap.core.Verdict;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.match.AccessCheck;
import dev.jwrap.core.policy.OptionCompiler;
import dev.jwrap.core.policy.PatternCompiler;
import dev.jwrap.core.policy.PatternContext;
import dev.jwrap.core.policy.PatternList;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.Table;
import dev.jwrap.core.policy.TableIndex;
import java.util.List;

/**
 * Runs one rule's option field in dry-run mode against tcpdchk's made-up request, the way
 * tcpdchk's {@code process_options} call does: the same parser, validation, %-expansion,
 * verbose {@code option:} lines and error messages as a real access check.
 *
 * <p>It does so through the engine's own {@link AccessCheck}, with the options put under an
 * {@code ALL : ALL} rule in a one-rule table, so that the outcome is exactly what the engine would
 * decide once such a rule matched.
 */
final class OptionDryRun {

    /**
     * How a rule's options ended.
     *
     * @param granted the {@code access:} tcpdchk prints
     * @param implicitAllow whether an allow-table rule ran to its end without {@code allow},
     *     {@code deny}, {@code twist} or an error (what {@code -a} warns about)
     */
    record Outcome(boolean granted, boolean implicitAllow) {}

    private final PatternCompiler patterns = new PatternCompiler(DiagnosticListener.IGNORE);

    /**
     * Runs {@code optionText} (which still ends in the rule's newline) as if the rule in
     * {@code ref} had matched in the allow table ({@code allowTable}) or the deny table.
     *
     * @throws dev.jwrap.core.match.ExpansionTooLongException as libwrap's %-expansion overflows
     */
    Outcome run(RuleRef ref, String optionText, boolean allowTable, AccessRequest request, OptionEffects effects,
            boolean verbose) {
        PatternContext where = new PatternContext(ref.file(), ref.line());
        Rule rule = new Rule(0, ref,
                PatternList.of(List.of("ALL"), t -> patterns.daemon(t, where)),
                PatternList.of(List.of("ALL"), t -> patterns.client(t, where)),
                OptionCompiler.compile(optionText));
        TableIndex one = TableIndex.of(new Table(ref.file(), List.of(rule), false));
        TableIndex none = TableIndex.of(new Table(ref.file(), List.of(), false));
        Decision d = new AccessCheck(request, effects, verbose, false, AccessCheck.Trace.NONE)
                .decide(allowTable ? one : none, allowTable ? none : one);
        // twist keeps the table's meaning in tcpdchk's listing; allow/deny/errors decide
        boolean granted = d.verdict() == Verdict.DELEGATED ? allowTable : d.verdict() == Verdict.GRANTED;
        boolean explicit = d.verdict() != Verdict.GRANTED
                || (!d.options().isEmpty() && d.options().getLast().keyword().equalsIgnoreCase("allow"));
        return new Outcome(granted, allowTable && !explicit);
    }
}
