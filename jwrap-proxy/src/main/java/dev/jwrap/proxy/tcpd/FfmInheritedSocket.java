package dev.jwrap.proxy.tcpd;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The {@link InheritedSocket} through FFM downcalls, for a JVM without libjwrap.so. Not
 * thread-safe (a wrapper has one thread; the C functions are bound on first use).
 */
final class FfmInheritedSocket implements InheritedSocket {

    // <sys/socket.h>, <netinet/in.h> on Linux.
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOL_SOCKET = 1;
    private static final int SO_KEEPALIVE = 9;
    private static final int SO_LINGER = 13;
    private static final int MSG_PEEK = 2;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EINTR = 4;
    /** Large enough for sockaddr_in6 (28) and sockaddr_storage's 128. */
    private static final int SOCKADDR_SIZE = 128;
    /** Room for the largest UDP payload, so the discarded datagram is read whole. */
    private static final int DATAGRAM_BUFFER = 65536;

    private static final FunctionDescriptor NAME_CALL = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final int fd;
    private final Linker linker;
    private final SymbolLookup lookup;
    // Made on first use: each handle costs a generated stub class, and most runs need two of them.
    private MethodHandle getpeername;
    private MethodHandle getsockname;
    private MethodHandle recvfrom;
    private MethodHandle setsockopt;
    private MethodHandle write;
    private MethodHandle strerrordesc;

    /**
     * @throws UnsupportedOperationException when not on 64-bit Linux with glibc
     */
    FfmInheritedSocket(int fd) {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux") || ADDRESS.byteSize() != 8) {
            throw new UnsupportedOperationException("jwrap tcpd needs 64-bit Linux with glibc; this is " + os);
        }
        this.fd = fd;
        this.linker = Linker.nativeLinker();
        this.lookup = linker.defaultLookup();
    }

    /** The connected peer ({@code getpeername}); fails with ENOTCONN on a datagram socket. */
    @Override
    public InetSocketAddress peer() throws IOException {
        if (getpeername == null) {
            getpeername = bind("getpeername", NAME_CALL);
        }
        return name(getpeername, "getpeername");
    }

    /** The local end ({@code getsockname}). */
    @Override
    public InetSocketAddress local() throws IOException {
        if (getsockname == null) {
            getsockname = bind("getsockname", NAME_CALL);
        }
        return name(getsockname, "getsockname");
    }

    /** The sender of the first queued datagram, which stays queued ({@code recvfrom(MSG_PEEK)}). */
    @Override
    public InetSocketAddress peekSender() throws IOException {
        MethodHandle recvfrom = recvfrom();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(1);
            MemorySegment sockaddr = arena.allocate(SOCKADDR_SIZE, 8);
            MemorySegment length = arena.allocateFrom(JAVA_INT, SOCKADDR_SIZE);
            MemorySegment state = arena.allocate(ERRNO_STATE);
            long n;
            do {
                n = (long) recvfrom.invokeExact(state, fd, buffer, 1L, MSG_PEEK, sockaddr, length);
            } while (n < 0 && errno(state) == EINTR);
            if (n < 0) {
                throw failure(state);
            }
            return decode(sockaddr, length.get(JAVA_INT, 0));
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw downcallFailed("recvfrom", t);
        }
    }

    /**
     * Reads and drops one queued datagram, if there is one, so that a {@code wait} super-server does
     * not hand the refused datagram to the next wrapper (tcpd's "sink").
     */
    @Override
    public void discardDatagram() {
        MethodHandle recvfrom = recvfrom();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(DATAGRAM_BUFFER);
            MemorySegment state = arena.allocate(ERRNO_STATE);
            long ignored = (long) recvfrom.invokeExact(state, fd, buffer, (long) DATAGRAM_BUFFER, MSG_DONTWAIT,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw downcallFailed("recvfrom", t);
        }
    }

    /** {@code SO_KEEPALIVE} on. */
    @Override
    public void keepAlive() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            setOption(arena, SO_KEEPALIVE, arena.allocateFrom(JAVA_INT, 1));
        }
    }

    /** {@code SO_LINGER}: on with {@code seconds} when positive, off otherwise (tcpd's rule). */
    @Override
    public void linger(int seconds) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment linger = arena.allocate(8, 4);
            linger.set(JAVA_INT, 0, seconds > 0 ? 1 : 0);
            linger.set(JAVA_INT, 4, seconds);
            setOption(arena, SO_LINGER, linger);
        }
    }

    /** Writes all of {@code bytes} (a banner) to the socket. */
    @Override
    public void writeFully(byte[] bytes) throws IOException {
        if (write == null) {
            write = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, data, JAVA_BYTE, 0, bytes.length);
            MemorySegment state = arena.allocate(ERRNO_STATE);
            long offset = 0;
            while (offset < bytes.length) {
                long n = (long) write.invokeExact(state, fd, data.asSlice(offset), (long) bytes.length - offset);
                if (n < 0 && errno(state) != EINTR) {
                    throw failure(state);
                }
                offset += Math.max(0, n);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw downcallFailed("write", t);
        }
    }

    /** The C library's English text for an error number, as {@code %m} prints it. */
    @SuppressWarnings("restricted") // a NUL-terminated static string of the C library
    @Override
    public String describe(int errno) {
        if (strerrordesc == null) {
            strerrordesc = bindPlain("strerrordesc_np", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        }
        try {
            MemorySegment text = (MemorySegment) strerrordesc.invokeExact(errno);
            return text.address() == 0
                    ? "Unknown error " + errno
                    : text.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            throw downcallFailed("strerrordesc_np", t);
        }
    }

    private InetSocketAddress name(MethodHandle call, String function) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = arena.allocate(SOCKADDR_SIZE, 8);
            MemorySegment length = arena.allocateFrom(JAVA_INT, SOCKADDR_SIZE);
            MemorySegment state = arena.allocate(ERRNO_STATE);
            int rc = (int) call.invokeExact(state, fd, sockaddr, length);
            if (rc != 0) {
                throw failure(state);
            }
            return decode(sockaddr, length.get(JAVA_INT, 0));
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw downcallFailed(function, t);
        }
    }

    private void setOption(Arena arena, int option, MemorySegment value) throws IOException {
        if (setsockopt == null) {
            setsockopt = bind("setsockopt",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        }
        try {
            MemorySegment state = arena.allocate(ERRNO_STATE);
            int rc = (int) setsockopt.invokeExact(state, fd, SOL_SOCKET, option, value, (int) value.byteSize());
            if (rc != 0) {
                throw failure(state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw downcallFailed("setsockopt", t);
        }
    }

    /**
     * An IPv4 or IPv6 socket address. An IPv4-mapped IPv6 address stays IPv6 ({@code ::ffff:a.b.c.d}),
     * as tcpd logs and matches it on a dual-stack socket.
     */
    static InetSocketAddress decode(MemorySegment sockaddr, int length) throws IOException {
        int family = length >= 2 ? Short.toUnsignedInt(sockaddr.get(JAVA_SHORT, 0)) : -1;
        // sin_port / sin6_port: network byte order
        int port = length >= 4 ? (Byte.toUnsignedInt(sockaddr.get(JAVA_BYTE, 2)) << 8)
                | Byte.toUnsignedInt(sockaddr.get(JAVA_BYTE, 3)) : 0;
        try {
            if (family == AF_INET && length >= 16) {
                return new InetSocketAddress(InetAddress.getByAddress(sockaddr.asSlice(4, 4).toArray(JAVA_BYTE)), port);
            }
            if (family == AF_INET6 && length >= 28) {
                int scope = sockaddr.get(JAVA_INT, 24);
                byte[] bytes = sockaddr.asSlice(8, 16).toArray(JAVA_BYTE);
                return new InetSocketAddress(Inet6Address.getByAddress(null, bytes, scope == 0 ? -1 : scope), port);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are always an address", e);
        }
        throw new IOException("Address family not supported by protocol");
    }

    private IOException failure(MemorySegment state) {
        return new IOException(describe(errno(state)));
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private MethodHandle recvfrom() {
        if (recvfrom == null) {
            recvfrom = bind("recvfrom",
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        }
        return recvfrom;
    }

    /** A function whose errno matters: it is captured with the call. */
    private MethodHandle bind(String name, FunctionDescriptor descriptor) {
        return link(name, descriptor, Linker.Option.captureCallState("errno"));
    }

    private MethodHandle bindPlain(String name, FunctionDescriptor descriptor) {
        return link(name, descriptor);
    }

    @SuppressWarnings("restricted") // calling into the C library is the point of this class
    private MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name + "()"));
        return linker.downcallHandle(symbol, descriptor, options);
    }

    private static RuntimeException downcallFailed(String function, Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("downcall to " + function + "() failed", t);
    }
}
