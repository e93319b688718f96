package dev.jwrap.core.match;

import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.RuleRef;
import dev.jwrap.core.Verdict;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.TableIndex;

/**
 * One access decision (spec §1.1): scan the allow table, and unless it decided, the deny table;
 * first match wins; no match anywhere grants. An allow table that cannot be read is passed over,
 * a deny table that cannot be read denies. Options of the matched rule run as they are reached.
 *
 * <p>One instance per decision; not thread-safe.
 */
public final class AccessCheck {

    /** Receives every rule the check evaluates, with whether it matched (for {@code --explain}). */
    public interface Trace {
        /**
         * @param daemonsMatched whether the daemon list matched
         * @param clientsMatched whether the client list matched (false when not evaluated)
         */
        void evaluated(Rule rule, boolean daemonsMatched, boolean clientsMatched);

        Trace NONE = (rule, daemons, clients) -> {};
    }

    private enum Scan {
        MATCH,
        NO_MATCH,
        ERROR,
        FINAL
    }

    private final AccessRequest request;
    private final OptionRunner options;
    private final RuleMatcher matcher;
    private final boolean verbose;
    private final boolean useIndex;
    private final Trace trace;
    private Rule decidingRule;
    private Verdict finalVerdict;

    public AccessCheck(AccessRequest request, OptionEffects effects, boolean verbose, boolean useIndex, Trace trace) {
        this.request = request;
        this.options = new OptionRunner(request, effects, verbose);
        this.matcher = new RuleMatcher(request);
        this.verbose = verbose;
        this.useIndex = useIndex;
        this.trace = trace;
    }

    /** Decides with the two tables. */
    public Decision decide(TableIndex allow, TableIndex deny) {
        Scan a = scan(allow);
        if (a == Scan.MATCH) {
            return decision(Verdict.GRANTED);
        }
        if (a == Scan.FINAL) {
            return decision(finalVerdict);
        }
        decidingRule = null;
        Scan d = scan(deny);
        return switch (d) {
            case NO_MATCH -> decision(Verdict.GRANTED);
            case MATCH, ERROR -> decision(Verdict.DENIED);
            case FINAL -> decision(finalVerdict);
        };
    }

    private Scan scan(TableIndex index) {
        if (useIndex) {
            TableIndex.Cursor cursor = index.cursor(request.daemon(), request.client(), request.server());
            for (Rule rule = cursor.next(); rule != null; rule = cursor.next()) {
                Scan s = tryRule(rule);
                if (s != null) {
                    return s;
                }
            }
        } else {
            for (Rule rule : index.table().rules()) {
                Scan s = tryRule(rule);
                if (s != null) {
                    return s;
                }
            }
        }
        return index.table().endsInError() ? Scan.ERROR : Scan.NO_MATCH;
    }

    /** Evaluates one rule: null when it does not match (scan on), else how the table ends. */
    private Scan tryRule(Rule rule) {
        boolean daemons = matcher.daemonsMatch(rule);
        boolean matched = daemons && matcher.clientsMatch(rule);
        trace.evaluated(rule, daemons, matched);
        if (!matched) {
            return null;
        }
        decidingRule = rule;
        if (verbose) {
            request.diagnostics().report(new Diagnostic(Diagnostic.Severity.DEBUG, null, 0,
                    "matched:  " + rule.ref().file() + " line " + rule.ref().line()));
        }
        if (!rule.hasOptions()) {
            return Scan.MATCH;
        }
        return switch (options.run(rule)) {
            case CONTINUE -> Scan.MATCH;
            case GRANT -> finish(Verdict.GRANTED);
            case DENY, ERROR -> finish(Verdict.DENIED);
            case TWIST -> finish(Verdict.DELEGATED);
            case SKIP_TABLE -> {
                decidingRule = null;
                yield Scan.NO_MATCH;
            }
        };
    }

    private Scan finish(Verdict verdict) {
        finalVerdict = verdict;
        return Scan.FINAL;
    }

    private Decision decision(Verdict verdict) {
        RuleRef ref = decidingRule == null ? null : decidingRule.ref();
        return new Decision(verdict, ref, options.applied, options.allowPriority, options.denyPriority,
                verdict == Verdict.DELEGATED ? options.twistCommand : null, options.error);
    }
}
