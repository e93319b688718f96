package dev.jwrap.audit.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads xinetd's configuration under a root: {@code etc/xinetd.conf} and every file in
 * {@code etc/xinetd.d} (xinetd.conf(5)). Blocks are {@code service NAME} or {@code defaults},
 * then {@code {}, then {@code attribute = | += | -= values} lines, then {@code }}; {@code #} starts a
 * comment. Files whose names contain a dot or end in {@code ~} are skipped, as xinetd's
 * {@code includedir} does. Unreadable files and broken blocks are reported, never thrown. Stateless.
 */
public final class XinetdConf {

    private XinetdConf() {}


    /** Reads the configuration under {@code root}; an absent xinetd gives nothing. */
    public static Parsed<XinetdService> read(Path root) {
        List<Block> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Path main = root.resolve("etc/xinetd.conf");
        if (Files.exists(main)) {
            readFile(main, "/etc/xinetd.conf", blocks, problems);
        }
        Path dir = root.resolve("etc/xinetd.d");
        if (Files.isDirectory(dir)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                ds.forEach(files::add);
            } catch (IOException e) {
                problems.add("/etc/xinetd.d: cannot list: " + e.getMessage());
            }
            files.sort(null);
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (!n.contains(".") && !n.endsWith("~") && Files.isRegularFile(f)) {
                    readFile(f, "/etc/xinetd.d/" + n, blocks, problems);
                }
            }
        }
        Set<String> disabledByDefaults = new HashSet<>();
        for (Block b : blocks) {
            if (b.name == null && b.attributes.containsKey("disabled")) {
                disabledByDefaults.addAll(b.attributes.get("disabled"));
            }
        }
        List<XinetdService> services = new ArrayList<>();
        for (Block b : blocks) {
            if (b.name != null) {
                boolean disabled = b.attributes.getOrDefault("disable", List.of()).contains("yes");
                boolean enabled = !disabled && !disabledByDefaults.contains(b.name)
                        && !disabledByDefaults.contains(b.attributes.getOrDefault("id", List.of(b.name)).getFirst());
                services.add(new XinetdService(b.file, b.line, b.name, b.attributes, b.disableLine, enabled));
            }
        }
        return new Parsed<>(services, problems);
    }

    private static final class Block {
        final String file;
        final int line;
        final String name; // null for defaults
        final Map<String, List<String>> attributes = new LinkedHashMap<>();
        int disableLine;

        Block(String file, int line, String name) {
            this.file = file;
            this.line = line;
            this.name = name;
        }
    }

    private static void readFile(Path path, String display, List<Block> blocks, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            problems.add(display + ": cannot read: " + e.getMessage());
            return;
        }
        Block current = null;
        boolean open = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            int hash = raw.indexOf('#');
            String t = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (t.isEmpty()) {
                continue;
            }
            String where = display + ":" + (i + 1) + ": ";
            if (current == null) {
                String[] w = t.split("\\s+");
                if (w[0].equals("service") && w.length >= 2) {
                    current = new Block(display, i + 1, w[1]);
                } else if (w[0].equals("defaults")) {
                    current = new Block(display, i + 1, null);
                } else if (!w[0].equals("includedir")) {
                    problems.add(where + "expected 'service NAME' or 'defaults', found: " + t);
                    continue;
                } else {
                    continue;
                }
                open = t.endsWith("{");
            } else if (!open) {
                if (t.equals("{")) {
                    open = true;
                } else {
                    problems.add(where + "expected '{' after the service line");
                    current = null;
                }
            } else if (t.equals("}")) {
                blocks.add(current);
                current = null;
            } else {
                attribute(current, t, i + 1, where, problems);
            }
        }
        if (current != null) {
            problems.add(display + ":" + current.line + ": block not closed with '}'");
        }
    }

    private static void attribute(Block b, String t, int line, String where, List<String> problems) {
        int eq = t.indexOf('=');
        if (eq <= 0) {
            problems.add(where + "expected 'attribute = value', found: " + t);
            return;
        }
        char op = t.charAt(eq - 1);
        String key = t.substring(0, op == '+' || op == '-' ? eq - 1 : eq).strip().toLowerCase(java.util.Locale.ROOT);
        String valueText = t.substring(eq + 1).strip();
        List<String> values = valueText.isEmpty() ? List.of() : List.of(valueText.split("\\s+"));
        List<String> now = new ArrayList<>(op == '+' || op == '-' ? b.attributes.getOrDefault(key, List.of()) : List.of());
        if (op == '-') {
            now.removeAll(values);
        } else {
            now.addAll(values);
        }
        b.attributes.put(key, now);
        if (key.equals("disable")) {
            b.disableLine = line;
        }
    }
}
