package dev.jwrap.host.log;

import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.sys.NativeLibc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Syslog over the local socket, as glibc's syslog() does it (inetd.md §3.10, §9.8): one RFC 3164
 * datagram per message, {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}, sent to /dev/log (or
 * any path, for tests). Nothing listening, no /dev/log (containers) or a full receiver: the
 * message is dropped silently, because a lost log line must never stop the server. The socket
 * is connected to the path once, as glibc connects it, and connected again when the receiver went
 * away, so a restarted journald is picked up at the next message. Where nothing listens, the path is
 * tried again at the next message, then at most once a second ({@link UnixDatagramSocket}), so a
 * log daemon started later is found within a second. Thread-safe.
 */
public final class UnixSocketSyslog implements Syslog, AutoCloseable {

    /** Where syslog daemons listen on Linux. */
    public static final Path DEV_LOG = Path.of("/dev/log");

    private final UnixDatagramSocket socket;
    private final String ident;
    private final long pid;
    private final int defaultFacility;
    private final SecondTimestamps timestamps;

    /**
     * @param path the syslog socket, normally {@link #DEV_LOG}
     * @param ident the tag before {@code [pid]}, e.g. {@code inetd}
     * @param pid the pid in the tag
     * @param defaultFacility the facility for priorities without one, e.g. {@link SyslogPriority#LOG_DAEMON}
     * @param clock the time source of the timestamp, in the zone the timestamp is written in
     * @throws IOException when the path is too long for a UNIX socket or no socket can be created
     */
    public UnixSocketSyslog(Path path, String ident, long pid, int defaultFacility, Clock clock) throws IOException {
        this(path, ident, pid, defaultFacility, new SecondTimestamps(clock));
    }

    private UnixSocketSyslog(Path path, String ident, long pid, int defaultFacility, SecondTimestamps timestamps)
            throws IOException {
        this.ident = Objects.requireNonNull(ident, "ident");
        this.pid = pid;
        this.defaultFacility = defaultFacility;
        this.timestamps = timestamps;
        this.socket = UnixDatagramSocket.open(path.toString());
    }

    private UnixSocketSyslog(UnixSocketSyslog shared, String ident) {
        this.socket = shared.socket;
        this.ident = Objects.requireNonNull(ident, "ident");
        this.pid = shared.pid;
        this.defaultFacility = shared.defaultFacility;
        this.timestamps = shared.timestamps;
    }

    /**
     * Facility daemon, this process's pid, local time, /dev/log. With libjwrap.so loaded, the pid and
     * the local time come from the C library, as glibc's syslog() takes them: the JDK's process
     * handle and time-zone database would cost a short-lived wrapper ≈ 15 ms of start-up.
     */
    public static UnixSocketSyslog devLog(String ident) throws IOException {
        if (NativeLibc.available()) {
            return new UnixSocketSyslog(DEV_LOG, ident, NativeLibc.getpid(), SyslogPriority.LOG_DAEMON,
                    SecondTimestamps.cLocalTime());
        }
        return new UnixSocketSyslog(DEV_LOG, ident, ProcessHandle.current().pid(), SyslogPriority.LOG_DAEMON,
                Clock.systemDefaultZone());
    }

    /** Shares this logger's socket: closing either closes both. */
    @Override
    public Syslog withIdent(String ident) {
        return new UnixSocketSyslog(this, ident);
    }

    @Override
    public void log(SyslogPriority priority, String message) {
        if (!socket.mayDeliver()) {
            return; // nobody listened at the last tries: not worth formatting
        }
        String line = Rfc3164.format(priority.code(defaultFacility), timestamps.now(), ident, pid, message);
        // Every error means "not delivered", and that is all a logger can do about it.
        socket.send(line.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        socket.close();
    }
}
