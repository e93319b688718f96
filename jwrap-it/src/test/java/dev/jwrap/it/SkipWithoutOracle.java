package dev.jwrap.it;

import java.util.List;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * jqwik's way of {@link ItEnvironment#require}: skips a property container when the differential
 * tests cannot run, except under {@code CI=true}, where the container runs and its
 * {@code @BeforeContainer} fails with the reason. (jqwik reports an aborted {@code @BeforeContainer}
 * as an error, not as skipped.)
 */
final class SkipWithoutOracle implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        List<String> problems = ItEnvironment.problems(Tool.values());
        if (problems.isEmpty() || ItEnvironment.isCi()) {
            return SkipResult.doNotSkip();
        }
        return SkipResult.skip("differential tests cannot run: " + String.join("; ", problems));
    }
}
