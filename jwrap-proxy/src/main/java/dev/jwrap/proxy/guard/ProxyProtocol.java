package dev.jwrap.proxy.guard;

import java.util.Locale;

/** Whether and how a route tells the backend who the client is: HAProxy's PROXY header, version 1 or 2. */
public enum ProxyProtocol {
    /** Plain relaying: the backend sees the guard as its client. */
    NONE,
    /** Text header {@code PROXY TCP4 ...\r\n}. */
    V1,
    /** Binary header (12-byte signature, addresses in network order). */
    V2;

    /**
     * {@code v1}, {@code v2} or {@code none}, any case.
     *
     * @throws IllegalArgumentException for another word
     */
    public static ProxyProtocol parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "v1", "1" -> V1;
            case "v2", "2" -> V2;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("proxy protocol must be v1 or v2, not \"" + word + "\"");
        };
    }
}
