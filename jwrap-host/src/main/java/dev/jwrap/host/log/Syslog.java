package dev.jwrap.host.log;

import dev.jwrap.core.SyslogPriority;
import java.util.List;

/**
 * Where the super-server's log lines go: syslog through /dev/log, stderr in debug mode, or a
 * recording in tests. Implementations are thread-safe and never throw for a lost message.
 */
public interface Syslog {

    /**
     * Logs one message. A priority without a facility gets the logger's default (daemon).
     */
    void log(SyslogPriority priority, String message);

    /** Logs at err (3), inetd's level for configuration and spawn errors. */
    default void error(String message) {
        log(new SyslogPriority(-1, 3), message);
    }

    /** Logs at warning (4). */
    default void warning(String message) {
        log(new SyslogPriority(-1, 4), message);
    }

    /** Logs at info (6). */
    default void info(String message) {
        log(new SyslogPriority(-1, 6), message);
    }

    /**
     * This logger writing under another ident (the tag before {@code [pid]}), same pid and
     * destination: tcpd's lines are tagged with the daemon's name. Loggers without an ident
     * (recordings) return themselves.
     */
    default Syslog withIdent(String ident) {
        return this;
    }

    /** A logger that hands every message to each of {@code targets} in order (syslog plus the {@code -d} mirror). */
    static Syslog tee(Syslog... targets) {
        return new TeeSyslog(List.of(targets));
    }
}
