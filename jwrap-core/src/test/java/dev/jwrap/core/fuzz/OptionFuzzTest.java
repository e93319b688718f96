package dev.jwrap.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.match.ExpansionTooLongException;
import dev.jwrap.core.match.PercentExpander;
import dev.jwrap.core.policy.OptionCompiler;
import dev.jwrap.core.policy.OptionStep;
import dev.jwrap.core.syntax.Fields;
import java.util.ArrayList;
import java.util.List;

/**
 * The option-field parser and the {@code %} expander on arbitrary text.
 *
 * <p>Options: no exception; at most one step per field; only the last step may be a failure, and
 * {@code allow}, {@code deny} and {@code twist} are never followed by another step.
 * Expansion: no exception but the documented {@link ExpansionTooLongException}; the result fits
 * libwrap's buffer; a template without {@code %} comes back unchanged; sanitising is idempotent
 * and leaves only libwrap's safe characters.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this replays {@code OptionFuzzTestInputs/} as a plain test.
 */
class OptionFuzzTest {

    private static final String SAFE = "!@%-_=+:,./";

    @FuzzTest(maxDuration = "1m")
    @DictionaryFile(resourcePath = "hosts_access.dict")
    void compileOptions(@NotNull String text) {
        List<OptionStep> steps = OptionCompiler.compile(text);
        assertThat(steps.size()).isLessThanOrEqualTo(Fields.optionFields(text).size());
        for (int i = 0; i < steps.size(); i++) {
            OptionStep step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof OptionStep.Failure f) {
                assertThat(last).as("a failure ends the list: %s", f).isTrue();
                assertThat(f.message()).isNotEmpty();
            }
            if (step instanceof OptionStep.Allow || step instanceof OptionStep.Deny || step instanceof OptionStep.Twist) {
                assertThat(last).as("%s must be the last option", step.keyword()).isTrue();
            }
        }
    }

    @FuzzTest(maxDuration = "1m")
    @DictionaryFile(resourcePath = "hosts_access.dict")
    void expandPercent(@NotNull String template, @NotNull String daemon, @NotNull String name,
            @NotNull String address, @NotNull String user, int mode) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        AccessRequest request = FuzzSupport.request(daemon, name, address, user, mode, diagnostics::add);
        String out;
        try {
            out = PercentExpander.expand(template, request);
        } catch (ExpansionTooLongException e) {
            assertThat(e.getMessage()).startsWith("percent_x: expansion too long: ");
            return;
        }
        assertThat(out.length()).isLessThanOrEqualTo(PercentExpander.MAX_LENGTH);
        if (template.indexOf('%') < 0) {
            assertThat(out).isEqualTo(template);
        }
        String clean = PercentExpander.sanitize(template);
        assertThat(PercentExpander.sanitize(clean)).isEqualTo(clean);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            assertThat(Character.isLetterOrDigit(c) && c < 128 || SAFE.indexOf(c) >= 0)
                    .as("unsafe char %s in %s", (int) c, clean)
                    .isTrue();
        }
    }
}
