package dev.jwrap.core.match;

import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.syntax.Fields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads a {@code banners} file for a request (hosts_options(5)): {@code dir/daemon}; leading NUL
 * bytes are sent as they are; then each chunk of at most 8189 bytes (libwrap's {@code fgets})
 * has its newline turned into CRLF and its {@code %} sequences expanded. A missing file sends
 * nothing; a missing directory is reported.
 */
final class BannerReader {

    private static final int CHUNK = 8189;

    private BannerReader() {}

    /** The bytes to send, or null when there is no banner. */
    static byte[] read(String directory, AccessRequest request) {
        byte[] data;
        try {
            // inside the try: a daemon name with a NUL is no valid path (InvalidPathException)
            Path file = Path.of(directory, request.daemon());
            data = Files.isRegularFile(file) || !Files.isDirectory(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException | RuntimeException e) {
            if (!exists(directory)) {
                request.diagnostics().report(Diagnostic.warning(directory + ": No such file or directory"));
            }
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < data.length && data[pos] == 0) {
            out.write(0);
            pos++;
        }
        while (pos < data.length) {
            int end = pos;
            while (end < data.length && end - pos < CHUNK) {
                if (data[end++] == '\n') {
                    break;
                }
            }
            String chunk = new String(data, pos, end - pos, StandardCharsets.ISO_8859_1);
            pos = end;
            int nul = chunk.indexOf('\0');
            if (nul >= 0) {
                chunk = chunk.substring(0, nul);
            }
            int newline = Fields.splitIndex(chunk, 0, '\n');
            if (newline >= 0) {
                chunk = chunk.substring(0, newline) + "\r\n";
            }
            out.writeBytes(PercentExpander.expand(chunk, request, PercentExpander.MAX_BANNER_LENGTH).getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static boolean exists(String directory) {
        try {
            return Files.exists(Path.of(directory));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
