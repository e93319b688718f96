package dev.jwrap.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.cli.testing.HostTools;
import dev.jwrap.core.testing.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwrap completion}, sourced by a real bash and asked for completions as bash asks the function. */
class CompletionIT {

    private static final Path BUILT = Path.of(System.getProperty("jwrap.completion.file", "target/completion/jwrap"));

    /**
     * Sources the script ($1), finds the function {@code complete} registered for jwrap, and calls it
     * as bash does on TAB with the remaining arguments as COMP_WORDS, the last being the word to
     * complete. Prints "function NAME", then one "reply WORD" per candidate.
     */
    private static final String DRIVER = """
            source "$1" || exit 90
            shift
            spec=$(complete -p jwrap) || exit 91
            fn=${spec#*-F }
            fn=${fn%% *}
            declare -F "$fn" > /dev/null || exit 92
            echo "function $fn"
            COMP_WORDS=("$@")
            COMP_CWORD=$(($# - 1))
            COMP_LINE="$*"
            COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            "$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            for word in "${COMPREPLY[@]}"; do echo "reply $word"; done
            """;

    @TempDir
    Path dir;

    private Path script;

    @BeforeAll
    static void tools() {
        HostTools.require("bash", "bash");
    }

    @BeforeEach
    void writeScript() throws IOException {
        script = Files.writeString(dir.resolve("jwrap-completion.bash"), completionCommandOutput());
    }

    @Test
    void completionCommand_printsTheScriptTheBuildInstalls() throws IOException {
        assertThat(BUILT).as("made by ./mvnw package").isRegularFile();
        assertThat(Files.readString(script)).isEqualTo(Files.readString(BUILT));
    }

    @Test
    void sourcedScript_registersAFunctionForJwrap() {
        Completion c = complete("jwrap", "");

        assertThat(c.function()).isEqualTo("_complete_jwrap");
    }

    @Test
    void ma_completesToMatch() {
        assertThat(complete("jwrap", "ma").replies()).containsExactly("match");
    }

    @Test
    void emptyWord_offersEverySubcommand() {
        List<String> subcommands = List.copyOf(
                Jwrap.commandLine(CommandDocs.context()).getSubcommands().keySet());

        assertThat(complete("jwrap", "").replies()).containsExactlyInAnyOrderElementsOf(subcommands);
    }

    @Test
    void matchDash_offersMatchOptions() {
        assertThat(complete("jwrap", "match", "-").replies()).contains("-d", "-i", "--explain", "--json");
    }

    private record Completion(String function, List<String> replies) {}

    private Completion complete(String... words) {
        List<String> command = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c", DRIVER, "driver"));
        command.add(script.toString());
        command.addAll(List.of(words));
        ChildProcess.Outcome bash = HostTools.run(Map.of(), command);
        assertThat(bash.status()).as("bash exit status; stderr: %s", bash.stderr()).isZero();

        String function = null;
        List<String> replies = new ArrayList<>();
        for (String line : bash.stdout().lines().toList()) {
            if (line.startsWith("function ")) {
                function = line.substring("function ".length());
            } else if (line.startsWith("reply ")) {
                replies.add(line.substring("reply ".length()));
            }
        }
        return new Completion(function, replies);
    }

    private String completionCommandOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Jwrap.run(
                dir,
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8),
                () -> {
                    throw new IllegalStateException("completion needs no lookup services");
                },
                "completion");
        assertThat(err.toString(UTF_8)).isEmpty();
        assertThat(status).isZero();
        return out.toString(UTF_8);
    }
}
