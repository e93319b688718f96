package dev.jwrap.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Small conversions at the edge between the JVM's strings and the byte strings C tools see. */
final class Cli {

    private Cli() {}

    /**
     * An argument as the bytes the C program would have received, one char per byte (the
     * engine's ISO-8859-1 convention): so a non-ASCII argument is sanitised byte by byte as in C.
     */
    static String bytesOf(String arg) {
        if (arg == null) {
            return null;
        }
        String enc = System.getProperty("sun.jnu.encoding");
        Charset cs = enc == null ? Charset.defaultCharset() : Charset.forName(enc);
        return new String(arg.getBytes(cs), StandardCharsets.ISO_8859_1);
    }
}
