package dev.jwrap.audit.scan;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The scanner's fast path for loopback, where the kernel has the answer to a SYN before
 * {@code connect()} would go to sleep: the reset of a refused port or the SYN-ACK of a listener is
 * processed in the same system call. A non-blocking connect still returns EINPROGRESS there, and a
 * NIO channel then costs a selector round (epoll registration, wait, removal, a poll, SO_ERROR) plus
 * a thrown {@code ConnectException} per refused port. Here the socket is blocking with a send
 * timeout (which bounds {@code connect()} on Linux, for a port a local firewall drops). A refused
 * connect leaves the socket unconnected and unbound, and Linux lets it connect again: a closed port
 * costs one {@code connect()}, no new socket, no object. Only an open port (or any other answer)
 * uses the socket up. Any other answer (timeout, an unexpected error, no descriptor left) is
 * {@link #UNDECIDED}: the caller probes that port again the ordinary way, which also gives the reason. Linux only. Not thread-safe: one instance per scanning thread.
 */
final class LoopbackConnect implements AutoCloseable {

    static final int OPEN = 0;
    static final int CLOSED = 1;
    static final int UNDECIDED = 2;

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM_CLOEXEC = 1 | 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_LINGER = 13;
    private static final int SO_SNDTIMEO = 21;
    private static final int ECONNREFUSED = 111;

    private static final Natives NATIVES = Natives.load();

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment address;
    private final MemorySegment callState;
    private final MemorySegment lingerZero;
    private final MemorySegment connectTimeout;
    private final MemorySegment local;
    private final int family;
    private int fd = -1;

    private LoopbackConnect(InetAddress target, int timeoutMs) {
        byte[] raw = target.getAddress();
        family = target instanceof Inet6Address ? AF_INET6 : AF_INET;
        // sockaddr_in (16 bytes: family, port, address) or sockaddr_in6 (28: family, port, flow, address, scope)
        address = arena.allocate(family == AF_INET6 ? 28 : 16, 4);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) family); // host byte order
        MemorySegment.copy(raw, 0, address, ValueLayout.JAVA_BYTE, family == AF_INET6 ? 8 : 4, raw.length);
        callState = arena.allocate(NATIVES.stateLayout);
        lingerZero = arena.allocate(8, 4);
        lingerZero.set(ValueLayout.JAVA_INT, 0, 1); // l_onoff = 1, l_linger = 0: close with a reset
        connectTimeout = arena.allocate(16, 8); // struct timeval
        connectTimeout.set(ValueLayout.JAVA_LONG, 0, timeoutMs / 1000);
        connectTimeout.set(ValueLayout.JAVA_LONG, 8, (timeoutMs % 1000) * 1000L);
        local = arena.allocate(32, 8); // sockaddr_in or sockaddr_in6, then its length
    }

    /** The fast path for this target, or null where it does not apply (not loopback, not Linux, no FFM). */
    static LoopbackConnect forTarget(InetAddress target, int timeoutMs) {
        return NATIVES != null && target.isLoopbackAddress() ? new LoopbackConnect(target, timeoutMs) : null;
    }

    /** Probes one port: {@link #OPEN}, {@link #CLOSED} or {@link #UNDECIDED}. */
    int probe(int port) {
        address.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >>> 8)); // network byte order
        address.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
        try {
            if (fd < 0 && (fd = newSocket()) < 0) {
                return UNDECIDED;
            }
            int rc = (int) NATIVES.connect.invokeExact(callState, fd, address, (int) address.byteSize());
            if (rc != 0 && (int) NATIVES.errno.get(callState, 0L) == ECONNREFUSED) {
                return CLOSED; // the socket is unconnected again and takes the next port's connect()
            }
            int result = UNDECIDED;
            if (rc == 0) {
                // a reset on close leaves no TIME_WAIT and nothing in the listener's queue
                int ignored = (int) NATIVES.setsockopt.invokeExact(fd, SOL_SOCKET, SO_LINGER, lingerZero, 8);
                result = selfConnected(fd, port) ? CLOSED : OPEN;
            }
            closeSocket();
            return result;
        } catch (Throwable t) {
            throw new IllegalStateException("native connect failed", t);
        }
    }

    /** A blocking socket whose connect() gives up after the timeout; -1 when none could be made. */
    private int newSocket() throws Throwable {
        int s = (int) NATIVES.socket.invokeExact(family, SOCK_STREAM_CLOEXEC, 0);
        if (s >= 0 && (int) NATIVES.setsockopt.invokeExact(s, SOL_SOCKET, SO_SNDTIMEO, connectTimeout, 16) != 0) {
            int ignored = (int) NATIVES.close.invokeExact(s);
            return -1;
        }
        return s;
    }

    private void closeSocket() throws Throwable {
        if (fd >= 0) {
            int ignored = (int) NATIVES.close.invokeExact(fd);
            fd = -1;
        }
    }

    /**
     * True when the kernel chose the probed port itself as the source port: on one address TCP's
     * simultaneous open then connects the socket to itself, which looks like a listener but is none
     * (the kernel never picks a port a listener holds, so the port is closed).
     */
    private boolean selfConnected(int fd, int port) throws Throwable {
        local.set(ValueLayout.JAVA_INT, 28, 28);
        int rc = (int) NATIVES.getsockname.invokeExact(fd, local, local.asSlice(28, 4));
        int localPort = (local.get(ValueLayout.JAVA_BYTE, 2) & 0xff) << 8 | local.get(ValueLayout.JAVA_BYTE, 3) & 0xff;
        return rc != 0 || localPort == port;
    }

    @Override
    public void close() {
        try {
            closeSocket();
        } catch (Throwable t) {
            throw new IllegalStateException("native close failed", t);
        }
        arena.close();
    }

    /** The C functions, looked up once; null when the platform has none of them. */
    private record Natives(MethodHandle socket, MethodHandle connect, MethodHandle setsockopt,
            MethodHandle getsockname, MethodHandle close,
            StructLayout stateLayout, VarHandle errno) {

        static Natives load() {
            if (!System.getProperty("os.name", "").startsWith("Linux")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                Linker.Option errnoOption = Linker.Option.captureCallState("errno");
                StructLayout state = Linker.Option.captureStateLayout();
                ValueLayout.OfInt i = ValueLayout.JAVA_INT;
                return new Natives(
                        linker.downcallHandle(libc.findOrThrow("socket"), FunctionDescriptor.of(i, i, i, i)),
                        linker.downcallHandle(libc.findOrThrow("connect"),
                                FunctionDescriptor.of(i, i, ValueLayout.ADDRESS, i), errnoOption),
                        linker.downcallHandle(libc.findOrThrow("setsockopt"),
                                FunctionDescriptor.of(i, i, i, i, ValueLayout.ADDRESS, i)),
                        linker.downcallHandle(libc.findOrThrow("getsockname"),
                                FunctionDescriptor.of(i, i, ValueLayout.ADDRESS, ValueLayout.ADDRESS)),
                        linker.downcallHandle(libc.findOrThrow("close"), FunctionDescriptor.of(i, i)),
                        state,
                        state.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno")));
            } catch (RuntimeException | LinkageError e) {
                return null; // no native access: every port takes the ordinary path
            }
        }
    }
}
