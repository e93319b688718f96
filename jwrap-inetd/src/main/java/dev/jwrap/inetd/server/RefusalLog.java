package dev.jwrap.inetd.server;

import dev.jwrap.host.log.Syslog;
import java.util.HashMap;
import java.util.Map;

/**
 * Warnings about refused connections or datagrams, at most one per kind of refusal and second, so
 * that a flood does not flood syslog as well. Not thread-safe: the owner synchronises.
 */
final class RefusalLog {

    private final String service;
    private final Syslog log;
    private final Map<String, Long> lastLogged = new HashMap<>();

    RefusalLog(String service, Syslog log) {
        this.service = service;
        this.log = log;
    }

    void report(String kind, long now, String message) {
        Long last = lastLogged.get(kind);
        if (last == null || now - last >= PausingRate.SECOND) {
            lastLogged.put(kind, now);
            log.warning(service + ": " + message);
        }
    }
}
