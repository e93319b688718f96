package dev.jwrap.proxy.tcpd;

import dev.jwrap.core.sys.NativeLibc;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Arrays;

/** The {@link InheritedSocket} through libjwrap.so's JNI functions ({@link NativeLibc}). Stateless past its fd. */
final class JniInheritedSocket implements InheritedSocket {

    // <sys/socket.h>, <netinet/in.h> on Linux.
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOL_SOCKET = 1;
    private static final int SO_KEEPALIVE = 9;
    private static final int EINTR = 4;
    /** sizeof(struct sockaddr_storage). */
    private static final int SOCKADDR_SIZE = 128;

    private final int fd;

    JniInheritedSocket(int fd) {
        this.fd = fd;
    }

    @Override
    public InetSocketAddress peer() throws IOException {
        return name(true);
    }

    @Override
    public InetSocketAddress local() throws IOException {
        return name(false);
    }

    @Override
    public InetSocketAddress peekSender() throws IOException {
        byte[] sockaddr = new byte[SOCKADDR_SIZE];
        return decode(sockaddr, check(NativeLibc.peekSender(fd, sockaddr)));
    }

    @Override
    public void discardDatagram() {
        int ignored = NativeLibc.discardDatagram(fd);
    }

    @Override
    public void keepAlive() throws IOException {
        check(NativeLibc.setIntOption(fd, SOL_SOCKET, SO_KEEPALIVE, 1));
    }

    @Override
    public void linger(int seconds) throws IOException {
        check(NativeLibc.setLinger(fd, seconds > 0, seconds));
    }

    @Override
    public void writeFully(byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            int n = NativeLibc.write(fd, bytes, offset, bytes.length - offset);
            if (n != -EINTR) {
                offset += check(n);
            }
        }
    }

    @Override
    public String describe(int errno) {
        return NativeLibc.describe(errno);
    }

    private InetSocketAddress name(boolean peer) throws IOException {
        byte[] sockaddr = new byte[SOCKADDR_SIZE];
        return decode(sockaddr, check(NativeLibc.socketName(fd, peer, sockaddr)));
    }

    /** The result of a call, or its {@code -errno} as an exception. */
    private static int check(int result) throws IOException {
        if (result < 0) {
            throw new IOException(NativeLibc.describe(-result));
        }
        return result;
    }

    /**
     * An IPv4 or IPv6 socket address from a {@code struct sockaddr}'s bytes. An IPv4-mapped IPv6
     * address stays IPv6 ({@code ::ffff:a.b.c.d}), as tcpd logs and matches it on a dual-stack socket.
     */
    static InetSocketAddress decode(byte[] sockaddr, int length) throws IOException {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        // sa_family: host byte order; sin_port / sin6_port: network byte order
        int family = length >= 2 ? unsigned(sockaddr, 0, 2, little) : -1;
        int port = length >= 4 ? unsigned(sockaddr, 2, 2, false) : 0;
        try {
            if (family == AF_INET && length >= 16) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(sockaddr, 4, 8)), port);
            }
            if (family == AF_INET6 && length >= 28) {
                int scope = unsigned(sockaddr, 24, 4, little);
                byte[] bytes = Arrays.copyOfRange(sockaddr, 8, 24);
                return new InetSocketAddress(Inet6Address.getByAddress(null, bytes, scope == 0 ? -1 : scope), port);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are always an address", e);
        }
        throw new IOException("Address family not supported by protocol");
    }

    private static int unsigned(byte[] bytes, int at, int size, boolean littleEndian) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            int b = Byte.toUnsignedInt(bytes[littleEndian ? at + size - 1 - i : at + i]);
            value = (value << 8) | b;
        }
        return value;
    }
}
