package dev.jwrap.host.log;

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
import java.nio.charset.StandardCharsets;

/**
 * An unbound AF_UNIX datagram socket that sends to a path (or an abstract name written
 * {@code @name}), through the FFM API: the JDK cannot
 * (DatagramChannel refuses the UNIX family, inetd.md §9.8). Sends never block: a full socket
 * buffer drops the datagram, as a server must not stall on a slow log daemon.
 *
 * <p>The socket is connected to the path once, as glibc's syslog() connects once, and each
 * datagram is a plain send(): a sendto() with the path looks the path up in the file system
 * again for every message, which costs more than the send itself (measured in
 * docs/PERFORMANCE.md §7, a line per connection for inetd -l and tcpd). When the receiver went
 * away (a restarted journald: ECONNREFUSED, then ENOTCONN) or was not there yet, the next send
 * connects again, so a new receiver at the path is found at once. Thread-safe (a send is one
 * system call; a reconnect re-targets the same descriptor, never closes it); close once.
 */
final class UnixDatagramSocket implements AutoCloseable {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int ENOTCONN = 107;
    private static final int ECONNREFUSED = 111;
    /** {@code sizeof(struct sockaddr_un)}: a 2-byte family and 108 bytes of path. */
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int SUN_PATH_MAX = 107;

    private static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle connect;
    private final MethodHandle send;
    private final MethodHandle close;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment address;
    private final int addressLength;
    /** Whether the descriptor is connected to the receiver at the path (as far as the last call knows). */
    private volatile boolean connected;

    /**
     * Opens the socket.
     *
     * @throws IOException when the path does not fit a sockaddr_un or socket() fails
     */
    @SuppressWarnings("restricted") // calling into the C library is the point of this class
    UnixDatagramSocket(String path) throws IOException {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > SUN_PATH_MAX) {
            throw new IOException(path + ": UNIX domain socket path too long");
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        MethodHandle socket = linker.downcallHandle(find(lookup, "socket"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), errno);
        connect = linker.downcallHandle(find(lookup, "connect"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), errno);
        send = linker.downcallHandle(find(lookup, "send"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), errno);
        close = linker.downcallHandle(find(lookup, "close"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        address = arena.allocate(SOCKADDR_UN_SIZE, 2);
        address.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(bytes, 0, address, JAVA_BYTE, 2, bytes.length);
        boolean abstractName = path.startsWith("@");
        if (abstractName) {
            // Linux abstract namespace (systemd writes it "@name"): a NUL first byte, no terminating NUL
            address.set(JAVA_BYTE, 2, (byte) 0);
        }
        addressLength = 2 + bytes.length + (abstractName ? 0 : 1);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(ERRNO_STATE);
            fd = (int) socket.invokeExact(state, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                arena.close();
                throw new IOException("socket(AF_UNIX, SOCK_DGRAM): errno " + (int) ERRNO.get(state, 0L));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to socket() failed", t);
        }
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name)
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name + "()"));
    }

    /**
     * Sends one datagram.
     *
     * @return 0 when sent, else the errno (ENOENT / ECONNREFUSED when nobody listens, EAGAIN when
     *     the receiver is full)
     */
    int send(byte[] datagram) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = call.allocateFrom(JAVA_BYTE, datagram);
            MemorySegment state = call.allocate(ERRNO_STATE);
            int error = connected ? 0 : connect(state);
            if (error != 0) {
                return error;
            }
            error = sendConnected(state, buffer, datagram.length);
            if (error == ECONNREFUSED || error == ENOTCONN) {
                // the receiver is gone; one at the path now (a restarted log daemon) gets this datagram
                connected = false;
                error = connect(state);
                if (error == 0) {
                    error = sendConnected(state, buffer, datagram.length);
                }
            }
            return error;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to connect() or send() failed", t);
        }
    }

    /** Connects (again) to the path; 0 or the errno (ENOENT: nothing there). */
    private int connect(MemorySegment state) throws Throwable {
        int result = (int) connect.invokeExact(state, fd, address, addressLength);
        if (result != 0) {
            return (int) ERRNO.get(state, 0L);
        }
        connected = true;
        return 0;
    }

    private int sendConnected(MemorySegment state, MemorySegment buffer, int length) throws Throwable {
        long sent = (long) send.invokeExact(state, fd, buffer, (long) length, MSG_DONTWAIT | MSG_NOSIGNAL);
        return sent >= 0 ? 0 : (int) ERRNO.get(state, 0L);
    }

    @Override
    public void close() {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to close() failed", t);
        } finally {
            arena.close();
        }
    }
}
