package dev.jwrap.audit.review;

import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.kb.KbEntry;
import java.util.Objects;

/**
 * A listener with what the audit made of it. Immutable.
 *
 * @param id the report's id ({@code L1}, {@code L2}, ... in report order)
 * @param listener the socket and its owner
 * @param serviceName the port's name, null when unknown
 * @param serviceSource where the name comes from: {@code etc-services} or {@code kb}
 * @param via the super-server that listens for the service ({@code inetd}, {@code xinetd},
 *     {@code systemd}), null for a daemon of its own
 * @param config the configured service it was attributed to, null when none
 * @param kb the knowledge-base row for its port, null when none
 */
public record JudgedListener(String id, Listener listener, String serviceName, String serviceSource, String via,
        ConfiguredService config, KbEntry kb) {

    public JudgedListener {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listener, "listener");
    }
}
