package dev.jwrap.host.log;

import dev.jwrap.core.SyslogPriority;
import java.util.List;

/** {@link Syslog#tee}: every message to each target in order; a new ident applies to all of them. */
record TeeSyslog(List<Syslog> targets) implements Syslog {

    @Override
    public void log(SyslogPriority priority, String message) {
        for (Syslog target : targets) {
            target.log(priority, message);
        }
    }

    @Override
    public Syslog withIdent(String ident) {
        return new TeeSyslog(targets.stream().map(target -> target.withIdent(ident)).toList());
    }
}
