package dev.jwrap.it;

import dev.jwrap.it.CaseFile.DirEntry;
import dev.jwrap.it.CaseFile.Entry;
import dev.jwrap.it.CaseFile.FileEntry;
import dev.jwrap.it.CaseFile.Invocation;
import dev.jwrap.it.CaseFile.ModeEntry;
import dev.jwrap.it.CaseFile.SymlinkEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Prints a {@link CaseFile} in the form {@link CaseFileReader} reads, e.g. to turn a failure into a corpus file. */
final class CaseFileWriter {

    private CaseFileWriter() {}

    static String write(CaseFile c) {
        StringBuilder sb = new StringBuilder();
        for (String line : c.description()) {
            sb.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        for (Entry entry : c.entries()) {
            switch (entry) {
                case FileEntry f -> {
                    sb.append("file ").append(f.path()).append('\n');
                    body(sb, f.content());
                }
                case DirEntry d -> sb.append("dir ").append(d.path()).append('\n');
                case SymlinkEntry s ->
                    sb.append("symlink ").append(s.path()).append(' ').append(s.target()).append('\n');
                case ModeEntry m ->
                    sb.append("mode ").append(m.path()).append(' ').append(Integer.toOctalString(m.mode())).append('\n');
            }
        }
        for (Invocation run : c.runs()) {
            sb.append(run.tool().subcommand());
            for (String arg : run.args()) {
                sb.append(' ').append(EscapedText.quoteArgument(arg));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Body lines: {@code |} for plain newline-terminated lines, {@code ~} for everything else. */
    static void body(StringBuilder sb, byte[] content) {
        int start = 0;
        while (start < content.length) {
            int nl = indexOf(content, (byte) '\n', start);
            int end = nl < 0 ? content.length : nl;
            byte[] line = Arrays.copyOfRange(content, start, end);
            if (nl >= 0 && EscapedText.isPlainLine(line)) {
                sb.append('|').append(new String(line, StandardCharsets.US_ASCII)).append('\n');
            } else {
                byte[] withEnd = nl < 0 ? line : Arrays.copyOfRange(content, start, end + 1);
                sb.append('~').append(EscapedText.escape(withEnd)).append('\n');
            }
            start = nl < 0 ? content.length : nl + 1;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
