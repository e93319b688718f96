package dev.jwrap.it;

import java.io.IOException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random tables and queries, each run through tcpdmatch and {@code jwrap match} (see
 * {@link Differential}); about 4,500 comparisons per build.
 *
 * <p>Edge-case injection is off: jqwik would otherwise pick every listed value (failing servers,
 * bad flags ...) far more often than the weights say, and most runs would end in exit status 1.
 *
 * <p>On a mismatch jqwik shrinks the case (bounded in time) and reports the smallest failing one;
 * the failure message ends with it in case-file form, ready to be saved under
 * {@code src/test/resources/cases/} as a regression. jqwik also prints the {@code seed}: put it into
 * {@code @Property(seed = "...")} to replay the same sequence. Without that, the next run first
 * retries the last falsified sample (jqwik's default {@code SAMPLE_FIRST}, remembered in
 * {@code target/jqwik-database}).
 */
@AddLifecycleHook(SkipWithoutOracle.class)
class GeneratedMatchIT {

    private static Differential differential;

    @BeforeContainer
    static void startOracle() throws IOException {
        differential = Differential.start(false);
    }

    @AfterContainer
    static void stopOracle() throws IOException {
        if (differential != null) {
            differential.close();
        }
    }

    /** Whole tables (comments, continuations, CRLF, junk, options, side files) and 1–4 queries each. */
    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void jwrapMatchAgreesWithTcpdmatch(@ForAll("matchCases") CaseFile c) throws IOException {
        differential.assertAgree(c);
    }

    /** One rule against 3–6 queries, so pattern semantics get many clients each. */
    @Property(tries = 500, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void jwrapMatchAgreesOnSingleRules(@ForAll("singleRuleCases") CaseFile c) throws IOException {
        differential.assertAgree(c);
    }

    @Provide
    Arbitrary<CaseFile> matchCases() {
        return MatchCaseArbitraries.matchCases();
    }

    @Provide
    Arbitrary<CaseFile> singleRuleCases() {
        return MatchCaseArbitraries.singleRuleCases();
    }
}
