package dev.jwrap.audit.harden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The undo journal of harden runs (spec §5.5): {@code ROOT/var/lib/jwrap/harden/<UTC time>-<pid>/}
 * holds {@code plan.json} (each file with its sha256 before and after, whether it existed, whether
 * this run created its {@code .dist}), {@code pre/<path>} with the exact bytes before, and an empty
 * {@code complete} written after the last file was replaced; {@code undone} marks a run that was
 * undone. Everything is forced to disk before the first file is replaced, so a run killed at any
 * point can be undone. Stateless.
 */
final class Journal {

    static final String DIR = "var/lib/jwrap/harden";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Journal() {}

    /**
     * One file of a run.
     *
     * @param path relative to ROOT ({@code etc/inetd.conf})
     * @param existed whether it existed before the run
     * @param before sha256 of the bytes before ("" when absent)
     * @param after sha256 of the bytes the run writes
     * @param distCreated whether the run creates {@code path.dist}
     */
    record Entry(String path, boolean existed, String before, String after, boolean distCreated) {}

    /** A recorded run. */
    record Run(Path dir, List<Entry> entries, boolean complete) {

        byte[] pre(String path) throws IOException {
            return Files.readAllBytes(dir.resolve("pre").resolve(path));
        }
    }

    /** Writes a new run's journal, forced to disk, and returns its directory. */
    static Path begin(Path root, List<Entry> entries, Map<String, byte[]> pre, Instant now) throws IOException {
        Path base = root.resolve(DIR);
        Files.createDirectories(base);
        Path run = base.resolve(STAMP.format(now) + "-" + ProcessHandle.current().pid());
        Files.createDirectory(run);
        for (Entry e : entries) {
            if (e.existed()) {
                Path copy = run.resolve("pre").resolve(e.path());
                Files.createDirectories(copy.getParent());
                SafeFiles.createNew(copy, pre.get(e.path()), null);
            }
        }
        List<Map<String, Object>> files = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", e.path());
            m.put("existed", e.existed());
            m.put("sha256_before", e.before());
            m.put("sha256_after", e.after());
            m.put("dist_created", e.distCreated());
            files.add(m);
        }
        byte[] plan = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of("files", files));
        SafeFiles.createNew(run.resolve("plan.json"), plan, null);
        SafeFiles.forceDirectory(run);
        SafeFiles.forceDirectory(base);
        return run;
    }

    /** Marks a run as finished: every file was replaced. */
    static void complete(Path run) throws IOException {
        SafeFiles.createNew(run.resolve("complete"), new byte[0], null);
    }

    /** Marks a run as undone. */
    static void undone(Path run) throws IOException {
        SafeFiles.createNew(run.resolve("undone"), new byte[0], null);
    }

    /** The most recent run that was not undone. */
    static Optional<Run> latest(Path root) throws IOException {
        Path base = root.resolve(DIR);
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        List<Path> runs;
        try (Stream<Path> s = Files.list(base)) {
            runs = s.filter(Files::isDirectory).filter(p -> !Files.exists(p.resolve("undone")))
                    .filter(p -> Files.exists(p.resolve("plan.json"))).sorted().toList();
        }
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        Path dir = runs.getLast();
        JsonNode plan = JSON.readTree(Files.readString(dir.resolve("plan.json"), StandardCharsets.UTF_8));
        List<Entry> entries = new ArrayList<>();
        for (JsonNode f : plan.get("files")) {
            entries.add(new Entry(f.get("path").asString(), f.get("existed").asBoolean(), f.get("sha256_before").asString(),
                    f.get("sha256_after").asString(), f.get("dist_created").asBoolean()));
        }
        return Optional.of(new Run(dir, entries, Files.exists(dir.resolve("complete"))));
    }

    static String sha256(byte[] bytes) {
        if (bytes == null) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
