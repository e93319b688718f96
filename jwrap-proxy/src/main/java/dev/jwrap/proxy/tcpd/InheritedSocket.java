package dev.jwrap.proxy.tcpd;

import dev.jwrap.core.sys.NativeLibc;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The socket a super-server left on a descriptor (fd 0 for tcpd), used through the C library:
 * the JDK can wrap fd 0 ({@code System.inheritedChannel}) but cannot peek at a datagram's
 * sender without consuming it, and loading NIO costs start-up time a wrapper does not have.
 * Every failure is an {@link IOException} carrying the C library's error text.
 */
sealed interface InheritedSocket permits JniInheritedSocket, FfmInheritedSocket {

    /**
     * The socket on {@code fd}: through libjwrap.so when it is loaded ({@link NativeLibc}: no
     * generated classes, the wrapper's start-up), else through FFM.
     *
     * @throws UnsupportedOperationException when not on 64-bit Linux with glibc
     */
    static InheritedSocket on(int fd) {
        return NativeLibc.available() ? new JniInheritedSocket(fd) : new FfmInheritedSocket(fd);
    }

    /** The connected peer ({@code getpeername}); fails with ENOTCONN on a datagram socket. */
    InetSocketAddress peer() throws IOException;

    /** The local end ({@code getsockname}). */
    InetSocketAddress local() throws IOException;

    /** The sender of the first queued datagram, which stays queued ({@code recvfrom(MSG_PEEK)}). */
    InetSocketAddress peekSender() throws IOException;

    /**
     * Reads and drops one queued datagram, if there is one, so that a {@code wait} super-server does
     * not hand the refused datagram to the next wrapper (tcpd's "sink").
     */
    void discardDatagram();

    /** {@code SO_KEEPALIVE} on. */
    void keepAlive() throws IOException;

    /** {@code SO_LINGER}: on with {@code seconds} when positive, off otherwise (tcpd's rule). */
    void linger(int seconds) throws IOException;

    /** Writes all of {@code bytes} (a banner) to the socket. */
    void writeFully(byte[] bytes) throws IOException;

    /** The C library's English text for an error number, as {@code %m} prints it. */
    String describe(int errno);
}
