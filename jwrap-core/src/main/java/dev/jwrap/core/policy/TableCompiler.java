package dev.jwrap.core.policy;

import dev.jwrap.core.RuleRef;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.source.LogicalLine;
import dev.jwrap.core.source.TableReader;
import dev.jwrap.core.syntax.Fields;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and compiles one access table the way libwrap's {@code table_match} reads it (spec
 * §1.2–§1.5): missing file = empty; unreadable = error; comments only in column 1; a line
 * without {@code :} is skipped with a warning; a line without its newline ends the table in error.
 */
public final class TableCompiler {

    private final PatternCompiler patterns;
    private final DiagnosticListener diagnostics;

    public TableCompiler(PatternCompiler patterns, DiagnosticListener diagnostics) {
        this.patterns = patterns;
        this.diagnostics = diagnostics;
    }

    /** Reads and compiles {@code file}. */
    public Table compile(TableFile file) {
        Optional<byte[]> content = read(file.path(), file.name(), diagnostics);
        if (content == null) {
            return new Table(file.name(), List.of(), true);
        }
        if (content.isEmpty()) {
            return new Table(file.name(), List.of(), false);
        }
        return compile(file.name(), content.get());
    }

    /** Compiles a table from its bytes. */
    public Table compile(String name, byte[] content) {
        List<Rule> rules = new ArrayList<>();
        for (LogicalLine line : TableReader.read(content)) {
            if (!line.terminated()) {
                diagnostics.report(Diagnostic.warning(name, line.lineNumber(), "missing newline or line too long"));
                diagnostics.report(
                        Diagnostic.warning(name, line.lineNumber(), "all the subsequent rules will be ignored"));
                return new Table(name, rules, true);
            }
            Rule rule = compileLine(name, line, rules.size());
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new Table(name, rules, false);
    }

    private Rule compileLine(String name, LogicalLine line, int index) {
        String text = line.text();
        if (isCommentOrBlank(text)) {
            return null;
        }
        int colon = Fields.splitIndex(text, 0, ':');
        if (colon < 0) {
            diagnostics.report(Diagnostic.warning(name, line.lineNumber(), "missing \":\" separator"));
            return null;
        }
        String daemons = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        int colon2 = Fields.splitIndex(rest, 0, ':');
        String clients = colon2 < 0 ? rest : rest.substring(0, colon2);
        String options = colon2 < 0 ? null : rest.substring(colon2 + 1);
        PatternContext where = new PatternContext(name, line.lineNumber());
        return new Rule(
                index,
                new RuleRef(name, line.lineNumber(), line.withoutNewline()),
                PatternList.of(Fields.tokens(daemons), t -> patterns.daemon(t, where)),
                PatternList.of(Fields.tokens(clients), t -> patterns.client(t, where)),
                options == null ? null : OptionCompiler.compile(options));
    }

    /** Column-1 {@code #}, or nothing but blanks, tabs, CR and LF. */
    public static boolean isCommentOrBlank(String text) {
        if (text.startsWith("#")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (" \t\r\n".indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a table file: its bytes; empty when it is missing (or a directory, which libwrap
     * opens but cannot read); null after reporting {@code cannot open} for any other failure.
     */
    static Optional<byte[]> read(Path path, String name, DiagnosticListener diagnostics) {
        try {
            if (Files.isDirectory(path)) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            diagnostics.report(Diagnostic.warning("cannot open " + name + ": " + reason(e)));
            return null;
        }
    }

    /** The strerror-style reason of an I/O failure. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
