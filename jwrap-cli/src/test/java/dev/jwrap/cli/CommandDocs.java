package dev.jwrap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The build-time documentation of the command tree that {@link Jwrap#commandLine} builds: AsciiDoc
 * sources of one man page per visible command, and the bash completion script. Run by the build
 * (exec-maven-plugin, {@code prepare-package}); Asciidoctor's {@code manpage} backend then turns the
 * sources into troff. It lives with the tests so that neither it nor picocli-codegen ends up in
 * {@code jwrap.jar}.
 *
 * <p>For each command, {@link GeneratedManPage} (picocli's man page generator) writes every section
 * (name, synopsis, description, options, arguments, commands, exit status, footer) to
 * {@code _generated/NAME.adoc}, each between {@code tag::picocli-generated-man-section-*} markers.
 * The page that is converted, {@code NAME.adoc}, is the hand-written template
 * {@code src/docs/man/NAME.adoc} when there is one (it includes the generated sections by tag and
 * adds what only a man page needs: FILES, SEE ALSO, longer prose), otherwise a copy of the
 * generated page. Asciidoctor skips the {@code _generated} folder as a source because of its
 * leading underscore.
 *
 * <p>The pages of the file formats jwrap reads (section 5: {@code jwrap-hosts_access(5)}, ...) have
 * no command behind them: a template whose title names section 5 is copied as it is to
 * {@code MAN_DIR/adoc5}, which the build converts to {@code MAN_DIR/man5}.
 */
final class CommandDocs {

    static final String GENERATED = "_generated";

    /** The title line of a section 5 page: {@code = jwrap-hosts_access(5)}. */
    private static final Pattern FORMAT_PAGE_TITLE = Pattern.compile("^= *(\\S+)\\(5\\) *$", Pattern.MULTILINE);

    private CommandDocs() {}

    /**
     * {@code CommandDocs MAN_DIR TEMPLATE_DIR COMPLETION_FILE}: replaces {@code MAN_DIR} with a fresh
     * {@code MAN_DIR/adoc} and writes the completion script to {@code COMPLETION_FILE}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: CommandDocs MAN_DIR TEMPLATE_DIR COMPLETION_FILE (got " + args.length + " arguments)");
        }
        CommandLine root = Jwrap.commandLine(context());
        Path manDir = Path.of(args[0]);
        deleteTree(manDir);
        List<String> pages = writeManSources(root, manDir.resolve("adoc"), Path.of(args[1]));
        pages.addAll(copyFormatPages(Path.of(args[1]), manDir.resolve("adoc5")));
        Path completion = Path.of(args[2]);
        Files.createDirectories(completion.toAbsolutePath().getParent());
        Files.writeString(completion, completionScript(root));
        System.out.println("jwrap docs: " + pages.size() + " man page sources " + pages + ", completion " + completion);
    }

    /** A context for describing the commands; nothing is run, so no lookup service is ever made. */
    static CliContext context() {
        return new CliContext(Path.of("").toAbsolutePath(), System.out, System.err, () -> {
            throw new IllegalStateException("documentation builds have no lookup services");
        });
    }

    /** Every command that gets a man page: the root and its visible subcommands, depth first, once each. */
    static List<CommandSpec> documentedCommands(CommandLine root) {
        Set<CommandSpec> found = new LinkedHashSet<>();
        collect(root.getCommandSpec(), found);
        return List.copyOf(found);
    }

    private static void collect(CommandSpec spec, Set<CommandSpec> found) {
        if (spec.usageMessage().hidden() || !found.add(spec)) {
            return; // hidden, or an alias of a command already seen
        }
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), found));
    }

    /** The man page's name, as picocli and Asciidoctor derive it: {@code jwrap-match} for {@code jwrap match}. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-").replaceAll("\\s", "_");
    }

    /** The script that {@code jwrap completion} prints. */
    static String completionScript(CommandLine root) {
        return AutoComplete.bash(root.getCommandName(), root) + "\n";
    }

    private static List<String> writeManSources(CommandLine root, Path adocDir, Path templateDir) throws IOException {
        Path generatedDir = adocDir.resolve(GENERATED);
        Files.createDirectories(generatedDir);
        List<String> pages = new ArrayList<>();
        for (CommandSpec spec : documentedCommands(root)) {
            String name = pageName(spec);
            String generated = GeneratedManPage.of(spec);
            Files.writeString(generatedDir.resolve(name + ".adoc"), generated);
            Path template = templateDir.resolve(name + ".adoc");
            Files.writeString(
                    adocDir.resolve(name + ".adoc"),
                    Files.isRegularFile(template) ? Files.readString(template) : generated);
            pages.add(name);
        }
        warnAboutUnusedTemplates(templateDir, pages);
        return pages;
    }

    /** Copies the section 5 templates; returns their names. */
    private static List<String> copyFormatPages(Path templateDir, Path adoc5Dir) throws IOException {
        Files.createDirectories(adoc5Dir);
        List<String> pages = new ArrayList<>();
        for (Path template : templates(templateDir)) {
            String name = formatPageName(Files.readString(template));
            if (name != null) {
                Files.copy(template, adoc5Dir.resolve(name + ".adoc"));
                pages.add(name + "(5)");
            }
        }
        return pages;
    }

    /** The name a section 5 page's title gives it, or null for any other page. */
    static String formatPageName(String adoc) {
        Matcher title = FORMAT_PAGE_TITLE.matcher(adoc);
        return title.find() ? title.group(1) : null;
    }

    private static List<Path> templates(Path templateDir) throws IOException {
        if (!Files.isDirectory(templateDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(templateDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".adoc")).sorted().toList();
        }
    }

    /**
     * A template whose command is not registered (yet: a branch may bring its page before its
     * command) is left out with a warning rather than failing the build.
     */
    private static void warnAboutUnusedTemplates(Path templateDir, List<String> pages) throws IOException {
        for (Path template : templates(templateDir)) {
            String f = template.getFileName().toString();
            if (!pages.contains(f.substring(0, f.length() - ".adoc".length()))
                    && formatPageName(Files.readString(template)) == null) {
                System.err.println("jwrap docs: warning: " + template + " matches no command; not used");
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
