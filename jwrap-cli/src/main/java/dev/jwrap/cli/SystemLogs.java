package dev.jwrap.cli;

import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.log.UnixSocketSyslog;
import java.io.IOException;

/** The log of a server command: syslog through /dev/log, mirrored to standard error with -d. */
final class SystemLogs {

    private SystemLogs() {}

    /**
     * Syslog under {@code ident}, plus {@code stderrLog} when {@code mirror}; {@code stderrLog}
     * alone (with a warning) when /dev/log cannot be used.
     */
    static Syslog open(String ident, boolean mirror, Syslog stderrLog) {
        try {
            Syslog syslog = UnixSocketSyslog.devLog(ident);
            return mirror ? Syslog.tee(syslog, stderrLog) : syslog;
        } catch (IOException e) {
            stderrLog.warning("cannot log to /dev/log (" + e.getMessage() + "); logging to standard error");
            return stderrLog;
        }
    }
}
