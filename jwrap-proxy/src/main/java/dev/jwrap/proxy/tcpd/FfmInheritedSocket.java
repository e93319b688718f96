package dev.jwrap.proxy.tcpd;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jwrap.core.sys.Downcall;
import dev.jwrap.core.sys.SocketAddressBytes;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;

/**
 * The {@link InheritedSocket} through FFM downcalls, for a JVM without libjwrap.so. Not
 * thread-safe (a wrapper has one thread; each C function is bound on its first call).
 */
final class FfmInheritedSocket implements InheritedSocket {

    // <sys/socket.h> on Linux.
    private static final int SOL_SOCKET = 1;
    private static final int SO_KEEPALIVE = 9;
    private static final int SO_LINGER = 13;
    private static final int MSG_PEEK = 2;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EINTR = 4;
    /** Room for the largest UDP payload, so the discarded datagram is read whole. */
    private static final int DATAGRAM_BUFFER = 65536;

    private static final FunctionDescriptor NAME_CALL = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);

    private final int fd;
    // Made on first use: each handle costs a generated stub class, and most runs need two of them.
    private Downcall getpeername;
    private Downcall getsockname;
    private Downcall recvfrom;
    private Downcall getsockopt;
    private Downcall setsockopt;
    private Downcall shutdown;
    private Downcall write;

    /**
     * @throws UnsupportedOperationException when not on 64-bit Linux with glibc
     */
    FfmInheritedSocket(int fd) {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux") || ADDRESS.byteSize() != 8) {
            throw new UnsupportedOperationException("jwrap tcpd needs 64-bit Linux with glibc; this is " + os);
        }
        this.fd = fd;
    }

    @Override
    public InetSocketAddress peer() throws IOException {
        if (getpeername == null) {
            getpeername = Downcall.capturingErrno("getpeername", NAME_CALL);
        }
        return name(getpeername);
    }

    @Override
    public InetSocketAddress local() throws IOException {
        if (getsockname == null) {
            getsockname = Downcall.capturingErrno("getsockname", NAME_CALL);
        }
        return name(getsockname);
    }

    @Override
    public InetSocketAddress peekSender() throws IOException {
        Downcall recvfrom = recvfrom();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(1);
            MemorySegment sockaddr = arena.allocate(SocketAddressBytes.STORAGE_SIZE, 8);
            MemorySegment length = arena.allocateFrom(JAVA_INT, SocketAddressBytes.STORAGE_SIZE);
            MemorySegment state = Downcall.errnoState(arena);
            long n;
            do {
                n = (long) recvfrom.handle().invokeExact(state, fd, buffer, 1L, MSG_PEEK, sockaddr, length);
            } while (n < 0 && Downcall.errno(state) == EINTR);
            if (n < 0) {
                throw failure(state);
            }
            return decode(sockaddr, length.get(JAVA_INT, 0));
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw recvfrom.failed(t);
        }
    }

    @Override
    public void discardDatagram() {
        Downcall recvfrom = recvfrom();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(DATAGRAM_BUFFER);
            long ignored = (long) recvfrom.handle().invokeExact(Downcall.errnoState(arena), fd, buffer,
                    (long) DATAGRAM_BUFFER, MSG_DONTWAIT, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw recvfrom.failed(t);
        }
    }

    @Override
    public void keepAlive() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            setOption(arena, SOL_SOCKET, SO_KEEPALIVE, arena.allocateFrom(JAVA_INT, 1));
        }
    }

    @Override
    public void linger(int seconds) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment linger = arena.allocate(8, 4);
            linger.set(JAVA_INT, 0, seconds > 0 ? 1 : 0);
            linger.set(JAVA_INT, 4, seconds);
            setOption(arena, SOL_SOCKET, SO_LINGER, linger);
        }
    }

    @Override
    public byte[] ipOptions() throws IOException {
        if (getsockopt == null) {
            getsockopt = Downcall.capturingErrno("getsockopt",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment options = arena.allocate(IP_OPTIONS_ROOM);
            MemorySegment length = arena.allocateFrom(JAVA_INT, IP_OPTIONS_ROOM);
            MemorySegment state = Downcall.errnoState(arena);
            int rc = (int) getsockopt.handle().invokeExact(state, fd, IPPROTO_IP, IP_OPTIONS, options, length);
            if (rc != 0) {
                throw failure(state);
            }
            return options.asSlice(0, Math.min(length.get(JAVA_INT, 0), IP_OPTIONS_ROOM)).toArray(JAVA_BYTE);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw getsockopt.failed(t);
        }
    }

    @Override
    public void clearIpOptions() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            setOption(arena, IPPROTO_IP, IP_OPTIONS, MemorySegment.NULL);
        }
    }

    @Override
    public void shutdown() {
        if (shutdown == null) {
            shutdown = Downcall.of("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        }
        try {
            int ignored = (int) shutdown.handle().invokeExact(fd, SHUT_RDWR);
        } catch (Throwable t) {
            throw shutdown.failed(t);
        }
    }

    @Override
    public void writeFully(byte[] bytes) throws IOException {
        if (write == null) {
            write = Downcall.capturingErrno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, data, JAVA_BYTE, 0, bytes.length);
            MemorySegment state = Downcall.errnoState(arena);
            long offset = 0;
            while (offset < bytes.length) {
                long n = (long) write.handle().invokeExact(state, fd, data.asSlice(offset), (long) bytes.length - offset);
                if (n < 0 && Downcall.errno(state) != EINTR) {
                    throw failure(state);
                }
                offset += Math.max(0, n);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw write.failed(t);
        }
    }

    @Override
    public String describe(int errno) {
        return Downcall.describe(errno);
    }

    private InetSocketAddress name(Downcall call) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = arena.allocate(SocketAddressBytes.STORAGE_SIZE, 8);
            MemorySegment length = arena.allocateFrom(JAVA_INT, SocketAddressBytes.STORAGE_SIZE);
            MemorySegment state = Downcall.errnoState(arena);
            int rc = (int) call.handle().invokeExact(state, fd, sockaddr, length);
            if (rc != 0) {
                throw failure(state);
            }
            return decode(sockaddr, length.get(JAVA_INT, 0));
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw call.failed(t);
        }
    }

    private void setOption(Arena arena, int level, int option, MemorySegment value) throws IOException {
        if (setsockopt == null) {
            setsockopt = Downcall.capturingErrno("setsockopt",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        }
        try {
            MemorySegment state = Downcall.errnoState(arena);
            int rc = (int) setsockopt.handle().invokeExact(state, fd, level, option, value, (int) value.byteSize());
            if (rc != 0) {
                throw failure(state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw setsockopt.failed(t);
        }
    }

    /** The kernel's socket address, as {@link JniInheritedSocket#decode} reads it. */
    private static InetSocketAddress decode(MemorySegment sockaddr, int length) throws IOException {
        int size = Math.min(length, SocketAddressBytes.STORAGE_SIZE);
        return JniInheritedSocket.decode(sockaddr.asSlice(0, size).toArray(JAVA_BYTE), size);
    }

    private IOException failure(MemorySegment state) {
        return new IOException(describe(Downcall.errno(state)));
    }

    private Downcall recvfrom() {
        if (recvfrom == null) {
            recvfrom = Downcall.capturingErrno("recvfrom",
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        }
        return recvfrom;
    }
}
