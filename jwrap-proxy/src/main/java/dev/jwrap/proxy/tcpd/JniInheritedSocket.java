package dev.jwrap.proxy.tcpd;

import dev.jwrap.core.sys.NativeLibc;
import dev.jwrap.core.sys.SocketAddressBytes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** The {@link InheritedSocket} through libjwrap.so's JNI functions ({@link NativeLibc}). Stateless past its fd. */
final class JniInheritedSocket implements InheritedSocket {

    // <sys/socket.h> on Linux.
    private static final int SOL_SOCKET = 1;
    private static final int SO_KEEPALIVE = 9;
    private static final int EINTR = 4;
    private static final int SOCKADDR_SIZE = SocketAddressBytes.STORAGE_SIZE;

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
    public byte[] ipOptions() throws IOException {
        byte[] options = new byte[IP_OPTIONS_ROOM];
        int length = check(NativeLibc.getBytesOption(fd, IPPROTO_IP, IP_OPTIONS, options));
        return Arrays.copyOf(options, Math.min(length, options.length));
    }

    @Override
    public void clearIpOptions() throws IOException {
        check(NativeLibc.setBytesOption(fd, IPPROTO_IP, IP_OPTIONS, null));
    }

    @Override
    public void shutdown() {
        int ignored = NativeLibc.shutdown(fd, SHUT_RDWR);
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
        InetSocketAddress address = SocketAddressBytes.decode(sockaddr, length);
        if (address == null) {
            throw new IOException("Address family not supported by protocol");
        }
        return address;
    }
}
