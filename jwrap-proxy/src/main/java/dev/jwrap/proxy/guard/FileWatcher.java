package dev.jwrap.proxy.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Polls files for change (modification time, size and inode, so an editor's rename-over counts)
 * and runs an action when one changed. Polling rather than a WatchService: it sees a file that
 * is replaced, created late or bind-mounted alike, and costs a few stat calls per interval.
 */
final class FileWatcher implements AutoCloseable {

    private final Supplier<List<Path>> files;
    private final Runnable onChange;
    private final long intervalNanos;
    private volatile Thread thread;
    private volatile boolean closed;

    FileWatcher(Supplier<List<Path>> files, Duration interval, Runnable onChange) {
        this.files = files;
        this.onChange = onChange;
        this.intervalNanos = interval.toNanos();
    }

    /** Takes the files' stamps now (a change right after this call counts) and starts polling. */
    FileWatcher start() {
        Map<Path, Stamp> initial = stamps();
        thread = Thread.ofPlatform().daemon().name("jwrap-guard-watch").start(() -> run(initial));
        return this;
    }

    private void run(Map<Path, Stamp> initial) {
        Map<Path, Stamp> seen = initial;
        while (!closed) {
            LockSupport.parkNanos(intervalNanos);
            if (closed) {
                return;
            }
            Map<Path, Stamp> now = stamps();
            if (!now.equals(seen)) {
                onChange.run();
                // the action may have changed which files matter: take their stamps after it
                now = stamps();
            }
            seen = now;
        }
    }

    private Map<Path, Stamp> stamps() {
        Map<Path, Stamp> map = new HashMap<>();
        for (Path file : files.get()) {
            map.put(file, Stamp.of(file));
        }
        return map;
    }

    /** What a change shows in; a missing file has the stamp {@code MISSING}. */
    private record Stamp(long modified, long size, Object key) {
        static final Stamp MISSING = new Stamp(-1, -1, null);

        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime().toMillis(), a.size(), Objects.requireNonNullElse(a.fileKey(), ""));
            } catch (IOException e) {
                return MISSING;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
