package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jwrap.cli.testing.HostTools;
import dev.jwrap.core.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The man pages {@code ./mvnw package} writes to target/man/man1, read with the real man(1) and groff(1). */
class ManPageIT {

    private static final Path MAN_DIR = Path.of(System.getProperty("jwrap.man.dir", "target/man/man1"));

    /** The pages of the file formats (section 5), next to section 1. */
    private static final Path MAN5_DIR = MAN_DIR.resolveSibling("man5");

    /** The config formats jwrap reads; each has a hand-written page in src/docs/man. */
    private static final List<String> FORMAT_PAGES =
            List.of("jwrap-hosts_access", "jwrap-inetd.conf", "jwrap-guard.conf");

    /** Plain text at a fixed width, whatever the terminal and locale of the build. */
    private static final Map<String, String> PLAIN =
            Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8", "MANPAGER", "cat", "PAGER", "cat");

    @BeforeAll
    static void tools() {
        HostTools.require("bash", "bash");
        HostTools.require("man", "man-db");
        HostTools.require("groff", "groff-base");
        HostTools.require("col", "bsdextrautils");
    }

    static Stream<CommandSpec> documentedCommands() {
        return CommandDocs.documentedCommands(Jwrap.commandLine(CommandDocs.context())).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedCommands")
    void everyCommand_hasAPage_thatManRenders(CommandSpec command) {
        String page = CommandDocs.pageName(command);
        String text = render(page);

        assertThat(section(text, "NAME")).startsWith(page + " - ");
        assertThat(section(text, "SYNOPSIS")).startsWith(command.qualifiedName() + " ");
        assertThat(section(text, "DESCRIPTION")).isNotBlank();
        assertThat(text).contains(page.toUpperCase() + "(1)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedCommands")
    void everyPage_isTroffThatGroffFormatsWithoutWarnings(CommandSpec command) {
        Path file = page(CommandDocs.pageName(command));

        ChildProcess.Outcome groff = HostTools.run(PLAIN, List.of("groff", "-man", "-Tutf8", "-ww", "-z", file.toString()));

        assertThat(groff.stderr()).isEmpty();
        assertThat(groff.status()).isZero();
    }

    @Test
    void matchPage_documentsOptions_dAndI() throws IOException {
        String troff = Files.readString(page("jwrap-match"));
        String options = section(render("jwrap-match"), "OPTIONS");

        assertThat(troff).contains(".SH \"OPTIONS\"", "\\fB\\-d\\fP", "\\fB\\-i\\fP");
        assertThat(options)
                .containsPattern("(?m)^-d$")
                .containsPattern("(?m)^-i inet_conf$")
                .contains("/etc/inetd.conf");
    }

    @Test
    void topPage_listsEverySubcommandPage() {
        String commands = section(render("jwrap"), "COMMANDS");

        documentedCommands()
                .filter(c -> c.parent() != null)
                .forEach(c -> assertThat(commands).contains(CommandDocs.pageName(c) + "(1)"));
    }

    @ParameterizedTest(name = "jwrap {0} is {1}(8)")
    @CsvSource({"match, tcpdmatch", "check, tcpdchk"})
    void tcpdCommands_citeTheirCTool_theirFiles_andHostsAccess(String command, String cTool) {
        CommandLine root = Jwrap.commandLine(CommandDocs.context());
        assumeTrue(root.getSubcommands().containsKey(command), "jwrap " + command + " is not registered yet");
        String text = render("jwrap-" + command);

        assertThat(section(text, "DESCRIPTION")).contains("Compatibility with " + cTool + "(8)");
        assertThat(section(text, "FILES")).contains("/etc/hosts.allow", "/etc/hosts.deny", "/etc/inetd.conf");
        assertThat(section(text, "SEE ALSO")).contains(cTool + "(8)", "hosts_access(5)", "hosts_options(5)");
    }

    @ParameterizedTest(name = "{0}(5)")
    @MethodSource("formatPages")
    void everyConfigFormat_hasASection5Page_thatManAndGroffRender(String name) {
        Path file = MAN5_DIR.resolve(name + ".5");
        assertThat(file).as("made by ./mvnw package").isRegularFile();

        String text = render(file);
        ChildProcess.Outcome groff = HostTools.run(PLAIN, List.of("groff", "-man", "-Tutf8", "-ww", "-z", file.toString()));

        assertThat(text).contains(name.toUpperCase() + "(5)");
        assertThat(section(text, "NAME")).startsWith(name + " - ");
        assertThat(section(text, "DESCRIPTION")).isNotBlank();
        assertThat(section(text, "SEE ALSO")).isNotBlank();
        assertThat(groff.stderr()).isEmpty();
        assertThat(groff.status()).isZero();
    }

    static Stream<String> formatPages() {
        return FORMAT_PAGES.stream();
    }

    @Test
    void section5_holdsTheFormatPagesAndNothingElse() throws IOException {
        try (Stream<Path> files = Files.list(MAN5_DIR)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(FORMAT_PAGES.stream().map(n -> n + ".5").toList());
        }
    }

    @Test
    void guardConfPage_documentsEveryDirectiveTheParserKnows() {
        String directives = section(render(MAN5_DIR.resolve("jwrap-guard.conf.5")), "DIRECTIVES");

        assertThat(directives).contains("service DAEMON listen HOST:PORT to HOST:PORT", "allow FILE", "deny FILE",
                "per-source N", "rate N", "max-connections N", "idle-timeout DURATION", "connect-timeout DURATION");
    }

    private static Path page(String name) {
        Path file = MAN_DIR.resolve(name + ".1");
        assertThat(file).as("made by ./mvnw package").isRegularFile();
        return file;
    }

    /** {@code man -l FILE | col -b}: what a reader sees, without overstrike. */
    private static String render(String name) {
        return render(page(name));
    }

    private static String render(Path file) {
        ChildProcess.Outcome man = HostTools.run(
                PLAIN, List.of("bash", "-c", "set -o pipefail; man -l -- \"$1\" | col -b", "render", file.toString()));
        assertThat(man.status()).as("man -l %s: %s", file, man.stderr()).isZero();
        return man.stdout();
    }

    /** The body of a section (between its heading and the next one), unindented. */
    private static String section(String text, String heading) {
        Matcher m = Pattern.compile("(?ms)^" + Pattern.quote(heading) + "\\n(.*?)(?=^\\S)").matcher(text);
        assertThat(m.find()).as("section %s in:%n%s", heading, text).isTrue();
        return m.group(1).lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("").strip();
    }
}
