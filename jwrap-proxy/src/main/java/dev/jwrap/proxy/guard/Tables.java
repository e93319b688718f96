package dev.jwrap.proxy.guard;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.host.log.Syslog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The policy in force. A reload whose tables have problems is logged line by line and the
 * previous policy stays (the first load is used as it is: there is nothing older to keep).
 * Thread-safe.
 */
final class Tables implements Supplier<AccessPolicy> {

    /** A policy and, per daemon name, whether its addresses alone decide (asked once per policy). */
    private record Loaded(AccessPolicy policy, Map<String, Boolean> addressOnly) {
        Loaded(AccessPolicy policy) {
            this(policy, new ConcurrentHashMap<>());
        }
    }

    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final Syslog log;

    Tables(Syslog log) {
        this.log = log;
    }

    @Override
    public AccessPolicy get() {
        return current.get().policy();
    }

    /**
     * Whether {@link AccessPolicy#decidesFromAddresses} for the policy in force: the check may
     * then run on an event loop. (A reload between this answer and the check may make one check
     * look up a name on the loop; the next ones see the new answer.)
     */
    boolean decidesFromAddresses(String daemon) {
        Loaded loaded = current.get();
        Boolean known = loaded.addressOnly().get(daemon);
        if (known == null) {
            known = loaded.policy().decidesFromAddresses(daemon);
            loaded.addressOnly().put(daemon, known);
        }
        return known;
    }

    /** Loads {@code allow} and {@code deny}; returns false when the previous policy was kept. */
    boolean load(TableFile allow, TableFile deny) {
        AccessPolicy loaded = AccessPolicy.load(allow, deny);
        for (Diagnostic d : loaded.diagnostics()) {
            log.warning(d.toSyslogText());
        }
        if (loaded.diagnostics().isEmpty() || current.get() == null) {
            current.set(new Loaded(loaded));
            return true;
        }
        log.error("hosts tables not reloaded: " + allow.name() + " or " + deny.name()
                + " has errors; the previous rules stay in force");
        return false;
    }
}
