package dev.jwrap.host.log;

import dev.jwrap.core.SyslogPriority;
import java.util.ArrayList;
import java.util.List;

/** A {@link Syslog} for tests: keeps every message with its priority code (facility daemon by default). */
public final class RecordingSyslog implements Syslog {

    /** One logged message; {@code priority} is the code on the wire, e.g. 27 for daemon.err. */
    public record Entry(int priority, String message) {}

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void log(SyslogPriority priority, String message) {
        entries.add(new Entry(priority.code(SyslogPriority.LOG_DAEMON), message));
    }

    /** Everything logged so far, in order. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The messages logged so far, in order. */
    public synchronized List<String> messages() {
        return entries.stream().map(Entry::message).toList();
    }
}
