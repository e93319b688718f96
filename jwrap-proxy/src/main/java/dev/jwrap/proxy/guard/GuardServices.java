package dev.jwrap.proxy.guard;

import dev.jwrap.core.LookupServices;
import dev.jwrap.host.access.ConnectionObserver;
import dev.jwrap.host.access.ServerMetrics;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ShellCommands;
import java.util.Objects;

/**
 * What a guard uses from its host: name and user lookups, the log (verdict lines go under each
 * daemon's name as ident, as tcpd writes them), who hears about every connection, the metrics,
 * and the shell for {@code twist} and {@code spawn}.
 *
 * @param lookups host names, ident and users for the checks
 * @param log the guard's log
 * @param observer receives one event per connection (e.g. JSON log lines)
 * @param metrics counts connections
 * @param verdictLines whether tcpd's text line is logged for each verdict (off when the observer
 *     logs the events in another format)
 * @param shell runs {@code twist} and {@code spawn} commands
 */
public record GuardServices(LookupServices lookups, Syslog log, ConnectionObserver observer, ServerMetrics metrics,
        boolean verdictLines, ShellCommands shell) {

    public GuardServices {
        Objects.requireNonNull(lookups, "lookups");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(shell, "shell");
    }

    /** Text log lines, no observer, no metrics. */
    public static GuardServices of(LookupServices lookups, Syslog log, ShellCommands shell) {
        return new GuardServices(lookups, log, ConnectionObserver.none(), ServerMetrics.NONE, true, shell);
    }
}
