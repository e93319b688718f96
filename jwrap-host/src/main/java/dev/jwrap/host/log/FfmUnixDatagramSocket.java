package dev.jwrap.host.log;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jwrap.core.sys.Downcall;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * The {@link UnixDatagramSocket} through FFM downcalls, for a JVM without libjwrap.so.
 * Thread-safe (a send is one system call; a reconnect re-targets the same descriptor, never
 * closes it); close once.
 */
final class FfmUnixDatagramSocket extends UnixDatagramSocket {

    /** {@code sizeof(struct sockaddr_un)}: a 2-byte family and 108 bytes of path. */
    private static final int SOCKADDR_UN_SIZE = 110;

    private final Downcall connect;
    private final Downcall send;
    private final Downcall close;
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
    FfmUnixDatagramSocket(byte[] sockaddr) throws IOException {
        Downcall socket = Downcall.capturingErrno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        connect = Downcall.capturingErrno("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        send = Downcall.capturingErrno("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        close = Downcall.of("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        address = arena.allocate(SOCKADDR_UN_SIZE, 2);
        MemorySegment.copy(sockaddr, 0, address, JAVA_BYTE, 0, sockaddr.length);
        addressLength = sockaddr.length;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(call);
            fd = (int) socket.handle().invokeExact(state, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                arena.close();
                throw new IOException("socket(AF_UNIX, SOCK_DGRAM): errno " + Downcall.errno(state));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw socket.failed(t);
        }
    }

    @Override
    int connect() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(call);
            int result = (int) connect.handle().invokeExact(state, fd, address, addressLength);
            return result == 0 ? 0 : Downcall.errno(state);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw connect.failed(t);
        }
    }

    @Override
    int sendConnected(byte[] datagram) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = call.allocateFrom(JAVA_BYTE, datagram);
            MemorySegment state = Downcall.errnoState(call);
            long sent = (long) send.handle().invokeExact(state, fd, buffer, (long) datagram.length, MSG_DONTWAIT | MSG_NOSIGNAL);
            return sent >= 0 ? 0 : Downcall.errno(state);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw send.failed(t);
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) close.handle().invokeExact(fd);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw close.failed(t);
        } finally {
            arena.close();
        }
    }
}
