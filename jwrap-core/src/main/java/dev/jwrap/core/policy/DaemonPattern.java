package dev.jwrap.core.policy;

/**
 * A daemon-list token (spec §2.1): a daemon part — a server port number (Debian's
 * {@code match_port}) or a string pattern against the daemon name — and an optional
 * {@code @host} part matched against the server endpoint.
 *
 * @param text the token as written
 * @param port the port number when the daemon part is numeric, else -1
 * @param name the daemon-name pattern when not numeric, else null
 * @param host the server host pattern, or null when there is no {@code @host}
 */
public record DaemonPattern(String text, int port, StringPattern name, HostPattern host) {

    /** Whether the daemon part is a plain daemon name that can be looked up in a hash index. */
    public boolean isPlainName() {
        return name instanceof StringPattern.Exact;
    }
}
