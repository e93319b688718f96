package dev.jwrap.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwrapTest {

    @TempDir
    Path dir;

    @Test
    void noArguments_printsUsageListingEveryRegisteredSubcommand() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Jwrap.run(dir, new PrintStream(new ByteArrayOutputStream(), true, UTF_8), new PrintStream(err, true, UTF_8));

        String usage = err.toString(UTF_8);
        Jwrap.commandLine(CommandDocs.context())
                .getSubcommands()
                .keySet()
                .forEach(name -> assertThat(usage).containsPattern("(?m)^  " + name + " "));
    }

    @Test
    void completion_isRegisteredUnderItsOwnName() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = Jwrap.run(
                dir, new PrintStream(out, true, UTF_8), new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
                "completion", "--help");

        assertThat(status).isZero();
        assertThat(out.toString(UTF_8)).startsWith("Usage: jwrap completion ").contains("source <(jwrap completion)");
    }
}
