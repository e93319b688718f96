package dev.jwrap.it;

import dev.jwrap.it.CaseFile.DirEntry;
import dev.jwrap.it.CaseFile.Entry;
import dev.jwrap.it.CaseFile.FileEntry;
import dev.jwrap.it.CaseFile.Invocation;
import dev.jwrap.it.CaseFile.ModeEntry;
import dev.jwrap.it.CaseFile.SymlinkEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the text form of a {@link CaseFile}. Line by line:
 *
 * <pre>
 * # text                 a comment; those before the first directive are the description
 * file PATH              a regular file, its content given by the body lines that follow:
 * |text                    the text and a newline (LF)
 * ~text                    the text with {@link EscapedText escapes}, nothing appended
 * dir PATH               an empty directory
 * symlink PATH TARGET    a symbolic link (the target may dangle)
 * mode PATH OCTAL        chmod, after everything was created
 * match ARGS...          run tcpdmatch / jwrap match with these arguments (see EscapedText)
 * check ARGS...          run tcpdchk / jwrap check
 * </pre>
 *
 * Blank lines and comments end a body. PATHs are relative, without {@code ..}. A file given no body
 * lines is empty. A raw CR in a case file is rejected: write {@code \r} in a {@code ~} line.
 */
final class CaseFileReader {

    private final String name;
    private final List<String> description = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Invocation> runs = new ArrayList<>();
    private String bodyPath;
    private ByteArrayOutputStream body;
    private boolean directiveSeen;
    private int lineNumber;

    private CaseFileReader(String name) {
        this.name = name;
    }

    static CaseFile read(String name, String text) {
        return new CaseFileReader(name).parse(text);
    }

    private CaseFile parse(String text) {
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            lineNumber = i + 1;
            line(lines[i]);
        }
        endBody();
        if (runs.isEmpty()) {
            throw error("no match/check run in the case");
        }
        return new CaseFile(name, description, entries, runs);
    }

    private void line(String line) {
        if (line.indexOf('\r') >= 0) {
            throw error("raw CR in a case file; write \\r in a ~ line");
        }
        if (line.isBlank()) {
            endBody();
            return;
        }
        char first = line.charAt(0);
        if (first == '|' || first == '~') {
            if (body == null) {
                throw error("body line outside a file");
            }
            String rest = line.substring(1);
            if (first == '|') {
                body.writeBytes(rest.getBytes(StandardCharsets.UTF_8));
                body.write('\n');
            } else {
                body.writeBytes(EscapedText.unescape(rest, where()));
            }
            return;
        }
        endBody();
        if (first == '#') {
            if (!directiveSeen) {
                description.add(line.substring(1).strip());
            }
            return;
        }
        directiveSeen = true;
        directive(line);
    }

    private void directive(String line) {
        String[] words = line.strip().split("[ \t]+", 2);
        String rest = words.length > 1 ? words[1] : "";
        switch (words[0]) {
            case "file" -> {
                bodyPath = path(rest);
                body = new ByteArrayOutputStream();
            }
            case "dir" -> entries.add(new DirEntry(path(rest)));
            case "symlink" -> {
                String[] parts = rest.split("[ \t]+");
                if (parts.length != 2) {
                    throw error("symlink needs PATH TARGET");
                }
                entries.add(new SymlinkEntry(path(parts[0]), parts[1]));
            }
            case "mode" -> {
                String[] parts = rest.split("[ \t]+");
                if (parts.length != 2 || !parts[1].matches("[0-7]{1,4}")) {
                    throw error("mode needs PATH OCTAL");
                }
                entries.add(new ModeEntry(path(parts[0]), Integer.parseInt(parts[1], 8)));
            }
            case "match", "check" ->
                runs.add(new Invocation(Tool.ofSubcommand(words[0]), EscapedText.splitArguments(rest, where())));
            default -> throw error("unknown directive " + words[0]);
        }
    }

    private String path(String text) {
        String p = text.strip();
        if (p.isEmpty() || p.startsWith("/") || List.of(p.split("/")).contains("..") || p.contains(" ")) {
            throw error("bad path \"" + p + "\": relative, no .., no blanks");
        }
        return p;
    }

    private void endBody() {
        if (body != null) {
            entries.add(new FileEntry(bodyPath, body.toByteArray()));
            body = null;
            bodyPath = null;
        }
    }

    private String where() {
        return name + ":" + lineNumber;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(where() + ": " + message);
    }
}
