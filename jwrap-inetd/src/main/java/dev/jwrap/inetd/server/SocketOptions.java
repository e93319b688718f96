package dev.jwrap.inetd.server;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jwrap.host.process.SocketAddresses;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.InetSocketAddress;

/**
 * Two socket calls the JDK has no API for. {@code IPV6_V6ONLY}: the JDK always clears it on IPv6
 * sockets, but a {@code tcp6} entry must not take the IPv4 port that the {@code tcp} half of the
 * same line binds (inetd.md §2.6). {@code recvfrom(MSG_PEEK)}: the sender of the datagram that
 * woke a dgram service, learnt without taking it off the queue, as tcpd does before a datagram
 * daemon runs (hosts_access.md §6.1).
 */
final class SocketOptions {

    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;
    private static final int MSG_PEEK = 0x02;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int SOCKADDR_STORAGE = SocketAddresses.STORAGE_SIZE;

    private static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = bind("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));

    private SocketOptions() {}

    @SuppressWarnings("restricted") // libc calls the JDK has no API for
    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol = linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name + "()"));
        return linker.downcallHandle(symbol, descriptor);
    }

    /**
     * The sender of the next queued datagram on {@code fd}, which stays queued.
     *
     * @throws IOException when nothing is queued or the address is not IPv4/IPv6
     */
    static InetSocketAddress peekSource(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(1);
            MemorySegment address = arena.allocate(SOCKADDR_STORAGE);
            MemorySegment length = arena.allocateFrom(JAVA_INT, SOCKADDR_STORAGE);
            long n = (long) RECVFROM.invokeExact(fd, buffer, 1L, MSG_PEEK | MSG_DONTWAIT, address, length);
            if (n < 0) {
                throw new IOException("recvfrom(MSG_PEEK) failed on fd " + fd);
            }
            return SocketAddresses.decode(address);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("recvfrom(MSG_PEEK)", t);
        }
    }

    /** Sets {@code IPV6_V6ONLY} on an unbound IPv6 socket. */
    static void v6Only(int fd, boolean on) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocateFrom(JAVA_INT, on ? 1 : 0);
            int rc = (int) SETSOCKOPT.invokeExact(fd, IPPROTO_IPV6, IPV6_V6ONLY, value, (int) JAVA_INT.byteSize());
            if (rc != 0) {
                throw new IOException("setsockopt IPV6_V6ONLY failed on fd " + fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("setsockopt IPV6_V6ONLY", t);
        }
    }
}
