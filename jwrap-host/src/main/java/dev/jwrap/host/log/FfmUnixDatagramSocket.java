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
 * The {@link UnixDatagramSocket} through FFM downcalls, for a JVM without libjwrap.so.
 * Thread-safe (a send is one system call; a reconnect re-targets the same descriptor, never
 * closes it); close once.
 */
final class FfmUnixDatagramSocket extends UnixDatagramSocket {

    /** {@code sizeof(struct sockaddr_un)}: a 2-byte family and 108 bytes of path. */
    private static final int SOCKADDR_UN_SIZE = 110;

    private static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle connect;
    private final MethodHandle send;
    private final MethodHandle close;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment address;
    private final int addressLength;

    /**
     * Opens the socket.
     *
     * @param sockaddr the sockaddr_un to send to, as {@link #sockaddr} makes it
     * @throws IOException when socket() fails
     */
    @SuppressWarnings("restricted") // calling into the C library is the point of this class
    FfmUnixDatagramSocket(byte[] sockaddr) throws IOException {
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
        MemorySegment.copy(sockaddr, 0, address, JAVA_BYTE, 0, sockaddr.length);
        addressLength = sockaddr.length;
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

    @Override
    int connect() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(ERRNO_STATE);
            int result = (int) connect.invokeExact(state, fd, address, addressLength);
            return result == 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to connect() failed", t);
        }
    }

    @Override
    int sendConnected(byte[] datagram) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = call.allocateFrom(JAVA_BYTE, datagram);
            MemorySegment state = call.allocate(ERRNO_STATE);
            long sent = (long) send.invokeExact(state, fd, buffer, (long) datagram.length, MSG_DONTWAIT | MSG_NOSIGNAL);
            return sent >= 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to send() failed", t);
        }
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
