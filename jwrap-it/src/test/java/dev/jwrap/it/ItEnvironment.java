package dev.jwrap.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.TestAbortedException;

/**
 * What the differential tests need from their surroundings: the namespace set up by
 * {@code src/test/ns/bin/java} (failsafe's {@code <jvm>}) and the C tools. When something is
 * missing the tests are skipped on a developer's machine but fail under {@code CI=true}.
 */
final class ItEnvironment {

    /** Set by src/test/ns/bin/java: {@code ready}, or {@code unavailable: <reason>}. */
    static final String NAMESPACE_VARIABLE = "JWRAP_IT_NAMESPACE";
    /** Where src/test/ns/bin/java lets the tests listen for syslog messages. */
    static final Path DEV_LOG = Path.of("/dev/log");

    private ItEnvironment() {}

    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static boolean namespaceReady() {
        return "ready".equals(System.getenv(NAMESPACE_VARIABLE));
    }

    /** Problems that make differential runs meaningless; empty when all is well. */
    static List<String> problems(Tool... tools) {
        List<String> problems = new ArrayList<>();
        String ns = System.getenv(NAMESPACE_VARIABLE);
        if (ns == null) {
            problems.add("not started through src/test/ns/bin/java (run the *IT tests with ./mvnw verify): "
                    + "names would resolve through the machine's own /etc/hosts and DNS");
        } else if (!namespaceReady()) {
            problems.add("private namespace " + ns);
        }
        for (Tool tool : tools) {
            if (!Files.isExecutable(tool.executable())) {
                problems.add(tool.executable() + " is missing (apt-get install tcpd)");
            }
        }
        return problems;
    }

    /** Fails (under CI) or skips (elsewhere) the calling test when {@link #problems} finds any. */
    static void require(Tool... tools) {
        List<String> problems = problems(tools);
        if (problems.isEmpty()) {
            return;
        }
        String message = "differential tests cannot run: " + String.join("; ", problems);
        if (isCi()) {
            throw new AssertionError(message + " (CI=true: failing instead of skipping)");
        }
        throw new TestAbortedException(message);
    }
}
