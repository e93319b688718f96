package dev.jwrap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * picocli's AsciiDoc man page for one command ({@link ManPageGenerator#writeSingleManPage}), with
 * four fixes to what picocli 4.7.7 writes:
 *
 * <ul>
 *   <li>the synopsis is not wrapped at the usage width, because picocli breaks it inside the markup
 *       ({@code _[user@]_} / {@code _ client_}); troff fills the line instead;
 *   <li>an option with only a short name gets no dangling comma ({@code -d,}), and its parameter
 *       is joined like in the synopsis ({@code -i=inet_conf}, not {@code -i, inet_conf});
 *   <li>a subcommand in COMMANDS is named by its page, {@code jwrap-match(1)}, as git(1) does: the
 *       {@code xref:} picocli writes is lost in troff.
 * </ul>
 */
final class GeneratedManPage {

    /** Wide enough that no synopsis is wrapped; the value picocli checks is only a minimum. */
    private static final int UNWRAPPED = 10_000;

    private static final Pattern TERM = Pattern.compile("^(?!//)(\\S.*?)[\\s,]*::$");
    private static final Pattern TITLE = Pattern.compile("^== +(.*?):?\\s*$");
    private static final Pattern XREF = Pattern.compile("^xref:(.+)\\.adoc\\[.*]$");

    private GeneratedManPage() {}

    /** The page's AsciiDoc, with {@code \n} line ends. Mutates the spec's usage width. */
    static String of(CommandSpec spec) {
        spec.usageMessage().width(UNWRAPPED);
        StringWriter text = new StringWriter();
        try (PrintWriter pw = new PrintWriter(text)) {
            ManPageGenerator.writeSingleManPage(pw, spec);
        }
        // picocli writes platform line ends (%n); Asciidoctor and troff want \n everywhere
        return fix(text.toString().replace("\r\n", "\n"), spec.parser().separator());
    }

    /** Rewrites section titles and the description-list terms of OPTIONS, ARGUMENTS and COMMANDS. */
    static String fix(String adoc, String separator) {
        StringBuilder out = new StringBuilder(adoc.length());
        for (String line : adoc.split("\n", -1)) {
            Matcher title = TITLE.matcher(line);
            Matcher term = TERM.matcher(line);
            if (title.matches()) {
                out.append("== ").append(title.group(1));
            } else if (term.matches()) {
                out.append(fixTerm(term.group(1), separator)).append("::");
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String fixTerm(String term, String separator) {
        Matcher xref = XREF.matcher(term);
        if (xref.matches()) {
            return "*" + xref.group(1) + "*(1)";
        }
        List<String> parts = new ArrayList<>();
        for (String part : term.split(", ")) {
            if (part.isBlank()) {
                continue;
            }
            // a parameter label on its own belongs to the option name before it
            if (part.startsWith("_") && !parts.isEmpty() && parts.getLast().startsWith("*-")) {
                parts.set(parts.size() - 1, parts.getLast() + separator + part);
            } else {
                parts.add(part);
            }
        }
        return String.join(", ", parts);
    }
}
