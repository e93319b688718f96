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

    /** tcpd's buffer for the IP options (BUFFER_SIZE / 3); the kernel has at most 40. */
    int IP_OPTIONS_ROOM = 170;
    // <netinet/in.h>, <sys/socket.h> on Linux
    int IPPROTO_IP = 0;
    int IP_OPTIONS = 4;
    int SHUT_RDWR = 2;

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

    /**
     * The IPv4 options the connection arrived with, as {@code getsockopt(IPPROTO_IP, IP_OPTIONS)}
     * returns them (at most {@link #IP_OPTIONS_ROOM} bytes); empty when there are none.
     */
    byte[] ipOptions() throws IOException;

    /** {@code setsockopt(IPPROTO_IP, IP_OPTIONS, NULL, 0)}: replies go out without the client's options. */
    void clearIpOptions() throws IOException;

    /** {@code shutdown(SHUT_RDWR)}; a failure is ignored, as tcpd ignores it. */
    void shutdown();

    /** Writes all of {@code bytes} (a banner) to the socket. */
    void writeFully(byte[] bytes) throws IOException;

    /** The C library's English text for an error number, as {@code %m} prints it. */
    String describe(int errno);
}
