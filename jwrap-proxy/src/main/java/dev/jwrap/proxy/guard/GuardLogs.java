package dev.jwrap.proxy.guard;

import dev.jwrap.host.log.Syslog;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a guard logs: its own messages (start, reload, backend failures) and, per daemon name, the
 * verdict lines tcpd would write under that daemon's name.
 *
 * @param server the guard's own log
 * @param daemons the log for verdicts of connections to a daemon, by daemon name
 */
public record GuardLogs(Syslog server, Function<String, Syslog> daemons) {

    public GuardLogs {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(daemons, "daemons");
    }

    /** Everything to one log. */
    public static GuardLogs single(Syslog log) {
        return new GuardLogs(log, daemon -> log);
    }
}
