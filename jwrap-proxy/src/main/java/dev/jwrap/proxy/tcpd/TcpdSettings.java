package dev.jwrap.proxy.tcpd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one {@code jwrap tcpd} run is configured. Immutable.
 *
 * @param allow the allow table (tcpd: /etc/hosts.allow)
 * @param deny the deny table (tcpd: /etc/hosts.deny)
 * @param refusalDelay how long a refused (or failed) wrapper waits before it exits: tcpd's 5
 *     seconds, which keep a client that is refused from retrying in a tight loop through a
 *     {@code nowait} super-server; shorter only for the build's AOT training run and tests
 * @param daemon the daemon and its arguments, as they follow the wrapper in inetd.conf
 */
public record TcpdSettings(Path allow, Path deny, Duration refusalDelay, List<String> daemon) {

    /** tcpd's delay before a refused or failed wrapper exits. */
    public static final Duration TCPD_DELAY = Duration.ofSeconds(5);

    public TcpdSettings {
        Objects.requireNonNull(allow, "allow");
        Objects.requireNonNull(deny, "deny");
        Objects.requireNonNull(refusalDelay, "refusalDelay");
        if (refusalDelay.isNegative()) {
            throw new IllegalArgumentException("refusal delay cannot be negative, got " + refusalDelay);
        }
        daemon = List.copyOf(daemon);
    }

    /** The system tables and tcpd's delay. */
    public static TcpdSettings of(List<String> daemon) {
        return new TcpdSettings(Path.of("/etc/hosts.allow"), Path.of("/etc/hosts.deny"), TCPD_DELAY, daemon);
    }
}
