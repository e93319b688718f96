package dev.jwrap.core.policy;

import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.syntax.CNumbers;
import dev.jwrap.core.syntax.Fields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns list tokens into compiled patterns (spec §2). Reads {@code /file} pattern lists once per
 * load and shares them between rules; a file that (directly or not) names itself contributes no
 * match for the looping word, as libwrap ends up doing once it runs out of file descriptors.
 *
 * <p>Not thread-safe: one compiler per load.
 */
public final class PatternCompiler {

    /** C {@code isspace}: what separates the words of a /file list. */
    private static final String FILE_WORD_SEPARATORS = " \t\n\u000b\f\r";

    private final DiagnosticListener diagnostics;
    private final Map<String, HostPattern.FileList> files = new HashMap<>();
    private final Set<String> opening = new HashSet<>();

    public PatternCompiler(DiagnosticListener diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** A daemon-list token: {@code daemon} or {@code daemon@host}. */
    public DaemonPattern daemon(String token, PatternContext where) {
        int at = Fields.splitIndex(token, 1, '@');
        String daemon = at < 0 ? token : token.substring(0, at);
        HostPattern host = at < 0 ? null : host(token.substring(at + 1), where);
        OptionalLong port = CNumbers.scanUnsigned(daemon);
        if (port.isPresent() && port.getAsLong() <= 65535) {
            return new DaemonPattern(token, (int) port.getAsLong(), null, host);
        }
        return new DaemonPattern(token, -1, StringPattern.compile(daemon), host);
    }

    /** A client-list token: {@code host} or {@code user@host}. */
    public ClientPattern client(String token, PatternContext where) {
        int at = Fields.splitIndex(token, 1, '@');
        if (at < 0) {
            return new ClientPattern(token, host(token, where), null);
        }
        return new ClientPattern(
                token, host(token.substring(at + 1), where), StringPattern.compile(token.substring(0, at)));
    }

    /** A host pattern, in libwrap's order of tests. */
    public HostPattern host(String token, PatternContext where) {
        if (token.startsWith("@")) {
            return new HostPattern.Netgroup(token, token.substring(1));
        }
        if (token.startsWith("/")) {
            return fileList(token, where);
        }
        if (Ascii.equalsIgnoreCase(token, "KNOWN")) {
            return new HostPattern.Known(token);
        }
        if (Ascii.equalsIgnoreCase(token, "LOCAL")) {
            return new HostPattern.Local(token);
        }
        int slash = Fields.splitIndex(token, 0, '/');
        if (slash >= 0) {
            return new HostPattern.Masked(token, NetMask.compile(token, slash));
        }
        return new HostPattern.Textual(token, StringPattern.compile(token), notInetAddress(token));
    }

    /** libwrap's NOT_INADDR: the token has a character other than digits, dots and slashes. */
    static boolean notInetAddress(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '/') {
                return true;
            }
        }
        return false;
    }

    private HostPattern fileList(String path, PatternContext where) {
        HostPattern.FileList known = files.get(path);
        if (known != null) {
            return known;
        }
        if (!opening.add(path)) {
            return new HostPattern.FileList(path, List.of());
        }
        try {
            List<HostPattern> words = new ArrayList<>();
            byte[] content = readWords(path, where);
            if (content != null) {
                String text = new String(content, StandardCharsets.ISO_8859_1);
                for (String word : Fields.tokens(text, FILE_WORD_SEPARATORS)) {
                    int nul = word.indexOf('\0');
                    String visible = nul < 0 ? word : word.substring(0, nul);
                    words.add(host(visible, where));
                }
            }
            HostPattern.FileList list = new HostPattern.FileList(path, words);
            files.put(path, list);
            return list;
        } finally {
            opening.remove(path);
        }
    }

    private byte[] readWords(String path, PatternContext where) {
        Path p = Path.of(path);
        try {
            if (Files.isDirectory(p)) {
                return null;
            }
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            diagnostics.report(
                    Diagnostic.warning(where.file(), where.line(), "open " + path + ": " + TableCompiler.reason(e)));
            return null;
        } catch (RuntimeException e) {
            // an invalid path string (a NUL byte): fopen would fail with ENOENT
            return null;
        }
    }
}
