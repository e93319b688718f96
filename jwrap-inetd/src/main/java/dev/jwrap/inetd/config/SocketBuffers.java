package dev.jwrap.inetd.config;

import java.util.OptionalInt;

/**
 * The {@code ,sndbuf=N} / {@code ,rcvbuf=N} options of the protocol field, applied to the listening
 * socket (accepted sockets inherit them).
 */
public record SocketBuffers(OptionalInt sendBuffer, OptionalInt receiveBuffer) {

    /** No buffer option. */
    public static final SocketBuffers DEFAULT = new SocketBuffers(OptionalInt.empty(), OptionalInt.empty());
}
