package dev.jwrap.inetd.config;

import java.util.Optional;

/**
 * The services an {@code internal} line can name (spec §2.9, §6, §7). The service field's official
 * name selects the built-in; {@code tcpmux} exists only when the TCPMUX feature is enabled.
 */
public enum InternalService {
    ECHO("echo", true),
    DISCARD("discard", true),
    CHARGEN("chargen", true),
    DAYTIME("daytime", true),
    TIME("time", true),
    /** RFC 1078 multiplexer; stream only, and not known to openbsd-inetd. */
    TCPMUX("tcpmux", false);

    private final String serviceName;
    private final boolean datagram;

    InternalService(String serviceName, boolean datagram) {
        this.serviceName = serviceName;
        this.datagram = datagram;
    }

    /** The official /etc/services name that selects it. */
    public String serviceName() {
        return serviceName;
    }

    /** Whether a {@code dgram} version exists. */
    public boolean supports(SocketType type) {
        return type == SocketType.STREAM || datagram;
    }

    /** The built-in called {@code name} for that socket type, if any. */
    public static Optional<InternalService> find(String name, SocketType type, boolean tcpmuxEnabled) {
        for (InternalService s : values()) {
            if (s.serviceName.equals(name) && s.supports(type) && (s != TCPMUX || tcpmuxEnabled)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
