package dev.jwrap.proxy.guard;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One guarded service: where the guard listens, which backend it relays to, the daemon name its
 * connections are checked under (so {@code sshd: 10.0.0.0/8} keeps working), and the PROXY
 * header sent to the backend first.
 */
public record Route(String daemon, InetSocketAddress listen, InetSocketAddress backend, ProxyProtocol proxy) {

    public Route {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(proxy, "proxy");
        if (daemon == null || daemon.isBlank() || daemon.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("daemon name must be one word, got \"" + daemon + "\"");
        }
    }

    /** {@code sshd 0.0.0.0:2222 -> 127.0.0.1:22}, for log lines. */
    public String describe() {
        return daemon + " " + HostPort.format(listen) + " -> " + HostPort.format(backend)
                + (proxy == ProxyProtocol.NONE ? "" : " (proxy " + proxy.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
