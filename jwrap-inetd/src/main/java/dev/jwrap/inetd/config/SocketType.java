package dev.jwrap.inetd.config;

import java.util.Optional;

/** The socket-type field of an inetd.conf entry; jwrap serves {@code stream} and {@code dgram} only. */
public enum SocketType {
    /** {@code stream}: TCP. */
    STREAM("stream"),
    /** {@code dgram}: UDP. */
    DGRAM("dgram");

    private final String token;

    SocketType(String token) {
        this.token = token;
    }

    /** The word used in inetd.conf. */
    public String token() {
        return token;
    }

    /** The type written as {@code token}, if jwrap knows it. */
    public static Optional<SocketType> fromToken(String token) {
        for (SocketType t : values()) {
            if (t.token.equals(token)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
