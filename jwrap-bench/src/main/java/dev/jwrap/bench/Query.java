package dev.jwrap.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a {@code queries.tsv} as {@code gen_rules.py} writes it:
 * {@code kind<TAB>daemon<TAB>client_name<TAB>client_addr}; a name of {@code unknown} is the
 * unknown name (libwrap's STRING_UNKNOWN).
 */
record Query(String kind, String daemon, String name, String address) {

    /** wrapbench.c reads with {@code fgets(line, 1024, f)}. */
    private static final int LINE_BUFFER = 1024;

    /**
     * Reads the queries of {@code kind} ({@code all} = every line) exactly as wrapbench.c does:
     * physical lines of at most 1023 bytes, cut at the first CR or LF (and at a NUL, where C's
     * string ends), split with {@code strtok(.., "\t")} (runs of tabs are one separator, empty
     * fields vanish); lines with fewer than four fields are skipped. Bytes are kept as ISO-8859-1
     * characters, so output reproduces them byte for byte.
     */
    static List<Query> read(Path file, String kind) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<Query> out = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int end = pos;
            int limit = Math.min(data.length, pos + LINE_BUFFER - 1);
            while (end < limit) {
                if (data[end++] == '\n') {
                    break;
                }
            }
            String line = new String(data, pos, end - pos, StandardCharsets.ISO_8859_1);
            pos = end;
            int cut = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\r' || c == '\n' || c == '\0') {
                    cut = i;
                    break;
                }
            }
            List<String> f = strtok(line.substring(0, cut));
            if (f.size() < 4) {
                continue;
            }
            if (!kind.equals("all") && !kind.equals(f.get(0))) {
                continue;
            }
            out.add(new Query(f.get(0), f.get(1), f.get(2), f.get(3)));
        }
        return out;
    }

    /** The first four tab-separated tokens, as four {@code strtok} calls return them. */
    private static List<String> strtok(String s) {
        List<String> tokens = new ArrayList<>(4);
        int i = 0;
        while (i < s.length() && tokens.size() < 4) {
            while (i < s.length() && s.charAt(i) == '\t') {
                i++;
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != '\t') {
                i++;
            }
            if (i > start) {
                tokens.add(s.substring(start, i));
            }
        }
        return tokens;
    }
}
