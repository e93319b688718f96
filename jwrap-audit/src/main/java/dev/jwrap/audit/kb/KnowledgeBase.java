package dev.jwrap.audit.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The judgement of services (spec §4.7): rows of a tab-separated file with the columns
 * {@code port protocols service aliases inetd_name daemons what risk recommendation severity seeds},
 * one header line, {@code -} for empty. Rows are found by port and protocol, by name (service,
 * alias or inetd name; for an RPC inetd name like {@code rstatd/1-3} the part before the slash), and
 * by daemon. Immutable and thread-safe.
 */
public final class KnowledgeBase {

    private static final String BUILT_IN = "risky-services.tsv";
    private static final int COLUMNS = 11;

    private final List<KbEntry> entries;

    private KnowledgeBase(List<KbEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The knowledge base shipped with jwrap. */
    public static KnowledgeBase builtIn() {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUILT_IN + " missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse(BUILT_IN, text, bad -> {
                throw new IllegalStateException(bad);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a file in the knowledge-base format; a bad row is reported as {@code name:line: reason}
     * and left out.
     */
    public static KnowledgeBase parse(String name, String text, Consumer<String> problems) {
        List<KbEntry> out = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank() || lines[i].startsWith("#")) {
                continue;
            }
            try {
                out.add(row(lines[i].split("\t", -1)));
            } catch (IllegalArgumentException e) {
                problems.accept(name + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return new KnowledgeBase(out);
    }

    private static KbEntry row(String[] c) {
        if (c.length != COLUMNS) {
            throw new IllegalArgumentException("expected " + COLUMNS + " tab-separated columns, found " + c.length);
        }
        String key = c[0].strip();
        int low = 0;
        int high = 0;
        int rpc = 0;
        if (key.startsWith("rpc:")) {
            rpc = Integer.parseInt(key.substring(4));
        } else {
            int dash = key.indexOf('-');
            low = Integer.parseInt(dash < 0 ? key : key.substring(0, dash));
            high = dash < 0 ? low : Integer.parseInt(key.substring(dash + 1));
            if (low < 1 || high > 65535 || high < low) {
                throw new IllegalArgumentException("bad port range " + key);
            }
        }
        for (String p : list(c[1])) {
            if (!p.equals("tcp") && !p.equals("udp")) {
                throw new IllegalArgumentException("unknown protocol " + p);
            }
        }
        try {
            return new KbEntry(key, low, high, rpc, list(c[1]), c[2].strip(), list(c[3]), empty(c[4]), list(c[5]),
                    c[6].strip(), c[7].strip(), Recommendation.parse(c[8]), Severity.parse(c[9]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad recommendation or severity: " + c[8] + ", " + c[9], e);
        }
    }

    private static String empty(String s) {
        String t = s.strip();
        return t.equals("-") || t.isEmpty() ? null : t;
    }

    private static List<String> list(String s) {
        String t = empty(s);
        return t == null ? List.of() : List.of(t.split("\\s*,\\s*"));
    }

    /**
     * This knowledge base with a site's rows on top (spec §4.7: {@code /etc/jwrap/services.tsv});
     * a site row replaces a built-in row with the same port key and protocols (port 512 is exec over
     * TCP and biff over UDP: two rows).
     */
    public KnowledgeBase with(KnowledgeBase site) {
        Map<String, KbEntry> byKey = new LinkedHashMap<>();
        for (KbEntry e : site.entries) {
            byKey.put(e.ref(), e);
        }
        for (KbEntry e : entries) {
            byKey.putIfAbsent(e.ref(), e);
        }
        return new KnowledgeBase(new ArrayList<>(byKey.values()));
    }

    /** Every row, in file order (site rows first). */
    public List<KbEntry> entries() {
        return entries;
    }

    /** The row for a port and protocol ({@code tcp}/{@code udp}). */
    public Optional<KbEntry> byPort(int port, String protocol) {
        return entries.stream().filter(e -> e.covers(port, protocol)).findFirst();
    }

    /** The row for an RPC program number. */
    public Optional<KbEntry> byRpcProgram(int program) {
        return entries.stream().filter(e -> e.rpcProgram() == program).findFirst();
    }

    /**
     * The row for a service name: an inetd name first (the same name may be a TCP and a UDP row, as
     * {@code exec}/{@code biff}), then the official name, then an alias. RPC inetd names match
     * without their version part. With a protocol, rows for that protocol come first.
     */
    public Optional<KbEntry> byName(String name, String protocol) {
        String n = name.toLowerCase(Locale.ROOT);
        String bare = n.contains("/") ? n.substring(0, n.indexOf('/')) : n;
        List<java.util.function.Predicate<KbEntry>> tests = List.of(
                e -> e.inetdName() != null && (e.inetdName().equals(n) || stripVersions(e.inetdName()).equals(bare)),
                e -> e.service().equals(n) || e.service().equals(bare),
                e -> e.aliases().contains(n) || e.aliases().contains(bare));
        for (var test : tests) {
            Optional<KbEntry> withProtocol = entries.stream()
                    .filter(test)
                    .filter(e -> protocol == null || e.protocols().contains(protocol))
                    .findFirst();
            if (withProtocol.isPresent()) {
                return withProtocol;
            }
            Optional<KbEntry> any = entries.stream().filter(test).findFirst();
            if (any.isPresent()) {
                return any;
            }
        }
        return Optional.empty();
    }

    /** The row naming an executable among its daemons ({@code in.telnetd}, {@code sshd}). */
    public Optional<KbEntry> byDaemon(String executable) {
        return entries.stream().filter(e -> e.daemons().contains(executable)).findFirst();
    }

    private static String stripVersions(String inetdName) {
        int slash = inetdName.indexOf('/');
        return slash < 0 ? inetdName : inetdName.substring(0, slash);
    }
}
