package dev.jwrap.audit.harden;

import dev.jwrap.audit.kb.KnowledgeBase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code jwrap harden} (spec §5): computes the plan, shows it as a unified diff, and applies it
 * safely: undo journal first, {@code FILE.dist} copies that are never overwritten, atomic replace
 * with the old owner and mode, an exclusive lock for the whole run; and {@code --undo}, which puts
 * back the bytes of the most recent run. An interrupted run is undone before a new one starts.
 * One instance per run.
 */
public final class Hardener {

    /** Applied, nothing to do, or undone. */
    public static final int OK = 0;
    /** Dry run with changes pending; undo left a file that changed since. */
    public static final int PENDING = 1;
    /** Refused or failed; nothing (more) was changed. */
    public static final int ERROR = 2;

    private final KnowledgeBase kb;
    private final AdminSession session;
    private final HardenLog log;
    private final Clock clock;
    private HardenResult result;

    /**
     * @param out where the text output goes as the run proceeds
     * @param err where the one-line errors go
     */
    public Hardener(KnowledgeBase kb, AdminSession session, PrintStream out, PrintStream err, Clock clock) {
        this.kb = kb;
        this.session = session;
        this.log = new HardenLog(out, err);
        this.clock = clock;
    }

    /**
     * What {@code jwrap harden --dry-run} with no other option would change in {@code root}: the
     * harden preview of an audit report. Writes nothing, prints nothing.
     */
    public static HardenResult preview(KnowledgeBase kb, AdminSession session, Path root, java.time.LocalDate date) {
        PrintStream silent = new PrintStream(java.io.OutputStream.nullOutputStream());
        Hardener h = new Hardener(kb, session, silent, silent, Clock.systemUTC());
        h.harden(new HardenOptions(root, true, java.util.Set.of(), java.util.Set.of(), List.of(), List.of(), false, false, false,
                false, date, 0));
        return h.result();
    }

    /** What the run did, for the JSON output; null before {@link #harden} or {@link #undo} returned. */
    public HardenResult result() {
        return result;
    }

    /** Hardens the tree; returns {@link #OK}, {@link #PENDING} (dry run) or {@link #ERROR}. */
    public int harden(HardenOptions o) {
        int status = hardenTree(o);
        result = log.result(o.root().toString(), o.dryRun() ? "dry-run" : "apply", status);
        return status;
    }

    private int hardenTree(HardenOptions o) {
        if (!Files.isDirectory(o.root())) {
            return fail(o.root() + ": no such directory");
        }
        if (o.reload() && !session.live()) {
            return fail("--reload signals the super-servers running on this host: not with --root");
        }
        if (o.dryRun() || !Files.isDirectory(o.root().resolve(Journal.DIR))) {
            // read-only first: a dry run, or a tree never hardened, whose plan may be empty (then nothing is created)
            int status = dryRun(o);
            if (o.dryRun() || status != PENDING) {
                return status;
            }
        }
        String problem = SafeFiles.writeProblem(o.root().resolve(Journal.DIR).resolve(".lock"));
        if (problem != null) {
            return fail(problem);
        }
        try (FileChannel lockFile = FileChannel.open(o.root().resolve(Journal.DIR).resolve(".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            var previous = Journal.latest(o.root());
            if (previous.isPresent() && !previous.get().complete()) {
                log.message("an earlier harden run was interrupted: undoing it first (" + previous.get().dir().getFileName() + ")");
                if (restore(o.root(), previous.get(), true, false) != OK) {
                    return ERROR;
                }
            }
            Plan plan = new Planner(kb, session).plan(o);
            plan.notices().forEach(log::note);
            if (plan.changes().isEmpty()) {
                log.message("nothing to do");
                return OK;
            }
            for (Plan.Change c : plan.changes()) {
                String p = SafeFiles.writeProblem(c.file());
                if (p != null) {
                    return fail(p);
                }
            }
            SuperServers before = o.reload() ? SuperServers.read(o.root()) : null;
            apply(o, plan);
            printDiffs(plan);
            plan.advice().forEach(log::advice);
            return o.reload() ? new Reload(log).run(o.root(), plan, before) : OK;
        } catch (Planner.Refused e) {
            return fail(e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail(Reasons.of(e));
        }
    }

    private int dryRun(HardenOptions o) {
        try {
            Plan plan = new Planner(kb, session).plan(o);
            if (plan.changes().isEmpty()) {
                plan.notices().forEach(log::note);
                log.message("nothing to do");
                return OK;
            }
            if (o.dryRun()) {
                plan.notices().forEach(log::note);
                printDiffs(plan);
                plan.advice().forEach(log::advice);
            }
            return PENDING;
        } catch (Planner.Refused | IllegalArgumentException e) {
            return fail(e.getMessage());
        }
    }

    private void apply(HardenOptions o, Plan plan) throws IOException {
        List<Journal.Entry> entries = new ArrayList<>();
        Map<String, byte[]> pre = new java.util.HashMap<>();
        for (Plan.Change c : plan.changes()) {
            boolean distCreated = c.before() != null && !Files.exists(dist(c));
            entries.add(new Journal.Entry(c.path(), c.before() != null, Journal.sha256(c.before()), Journal.sha256(c.after()),
                    distCreated));
            if (c.before() != null) {
                pre.put(c.path(), c.before());
            }
        }
        Path run = Journal.begin(o.root(), entries, pre, clock.instant());
        int written = 0;
        for (Plan.Change c : plan.changes()) {
            SafeFiles.Ownership owner = c.before() == null ? null : SafeFiles.Ownership.of(c.file());
            if (c.before() != null) {
                Path dist = dist(c);
                if (Files.exists(dist)) {
                    if (!Arrays.equals(Files.readAllBytes(dist), c.before())) {
                        log.note("keeping existing " + dist.getFileName() + " from an earlier change");
                    }
                } else {
                    SafeFiles.createNew(dist, c.before(), owner);
                }
            }
            SafeFiles.replace(c.file(), c.after(), owner);
            if (++written == o.crashAfter()) {
                Runtime.getRuntime().halt(137); // test hook: die like kill -9, no shutdown hooks, no cleanup
            }
        }
        Journal.complete(run);
    }

    private static Path dist(Plan.Change c) {
        return c.file().resolveSibling(c.file().getFileName() + ".dist");
    }

    private void printDiffs(Plan plan) {
        for (Plan.Change c : plan.changes()) {
            log.diff(c.path(), c.before() != null, UnifiedDiff.of(c.path(), text(c.before()), text(c.after())));
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Undoes the most recent run: every file it changed gets its bytes back, if it still holds what
     * the run wrote; a file changed since is left alone (exit {@link #PENDING}) unless {@code force}.
     */
    public int undo(Path root, boolean force, boolean purge) {
        int status = undoRun(root, force, purge);
        result = log.result(root.toString(), "undo", status);
        return status;
    }

    private int undoRun(Path root, boolean force, boolean purge) {
        if (!Files.isDirectory(root)) {
            return fail(root + ": no such directory");
        }
        if (!Files.isDirectory(root.resolve(Journal.DIR))) {
            log.message("nothing to undo");
            return OK;
        }
        try (FileChannel lockFile = FileChannel.open(root.resolve(Journal.DIR).resolve(".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            var run = Journal.latest(root);
            if (run.isEmpty()) {
                log.message("nothing to undo");
                return OK;
            }
            return restore(root, run.get(), force, purge);
        } catch (IOException e) {
            return fail(Reasons.of(e));
        }
    }

    private int restore(Path root, Journal.Run run, boolean force, boolean purge) throws IOException {
        boolean changedSince = false;
        for (Journal.Entry e : run.entries()) {
            Path file = root.resolve(e.path());
            Path real = Files.isSymbolicLink(file) ? file.toRealPath() : file;
            byte[] now = Files.exists(real) ? Files.readAllBytes(real) : null;
            String nowHash = Journal.sha256(now);
            if (nowHash.equals(e.before())) {
                continue; // never replaced (an interrupted run), or already back
            }
            if (!nowHash.equals(e.after()) && !force) {
                changedSince = true;
                log.error("/" + e.path() + " changed since harden: left alone (--force restores it anyway)");
                log.diff(e.path(), now != null, UnifiedDiff.of(e.path(), text(now), e.existed() ? text(run.pre(e.path())) : ""));
                continue;
            }
            if (e.existed()) {
                SafeFiles.replace(real, run.pre(e.path()), now == null ? null : SafeFiles.Ownership.of(real));
            } else {
                Files.deleteIfExists(real);
                SafeFiles.forceDirectory(real.toAbsolutePath().getParent());
            }
            log.message("restored /" + e.path());
            if (purge && e.distCreated()) {
                Files.deleteIfExists(real.resolveSibling(real.getFileName() + ".dist"));
            }
        }
        if (changedSince) {
            return PENDING;
        }
        Journal.undone(run.dir());
        return OK;
    }

    private int fail(String message) {
        log.error(message);
        return ERROR;
    }
}
