package dev.jwrap.inetd.server;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code IPV6_V6ONLY} through {@code setsockopt}: the JDK always clears it on IPv6 sockets and
 * offers no option to set it, but a {@code tcp6} entry must not take the IPv4 port that the
 * {@code tcp} half of the same line binds (inetd.md §2.6).
 */
final class SocketOptions {

    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;

    private static final MethodHandle SETSOCKOPT = bind();

    private SocketOptions() {}

    @SuppressWarnings("restricted") // one libc call the JDK has no API for
    private static MethodHandle bind() {
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol = linker.defaultLookup().find("setsockopt")
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no setsockopt()"));
        return linker.downcallHandle(symbol,
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
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
