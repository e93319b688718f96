package dev.jwrap.host.log;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A private stand-in for /dev/log: an AF_UNIX datagram socket bound at a temporary path (the JDK
 * cannot make one). Public for the differential tests of other modules (test-jar).
 */
public final class UnixDatagramReceiver implements AutoCloseable {

    private static final int MSG_DONTWAIT = 0x40;

    private final Path path;
    private final int fd;
    private final MethodHandle recv;
    private final MethodHandle close;

    @SuppressWarnings("restricted")
    public UnixDatagramReceiver(Path path) throws Throwable {
        this.path = path;
        Linker linker = Linker.nativeLinker();
        var lookup = linker.defaultLookup();
        MethodHandle socket = linker.downcallHandle(lookup.find("socket").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        MethodHandle bind = linker.downcallHandle(lookup.find("bind").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        recv = linker.downcallHandle(lookup.find("recv").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        close = linker.downcallHandle(lookup.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        fd = (int) socket.invokeExact(1, 2 | 0x80000, 0);
        if (fd < 0) {
            throw new IllegalStateException("socket failed");
        }
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
            MemorySegment sa = arena.allocate(110, 2);
            sa.set(JAVA_SHORT, 0, (short) 1);
            MemorySegment.copy(bytes, 0, sa, JAVA_BYTE, 2, bytes.length);
            if ((int) bind.invokeExact(fd, sa, 2 + bytes.length + 1) != 0) {
                throw new IllegalStateException("bind " + path + " failed");
            }
        }
    }

    /** The next datagram, or empty when none arrives within {@code timeout}. */
    public Optional<String> receive(Duration timeout) throws Throwable {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8192);
            while (System.nanoTime() < deadline) {
                long n = (long) recv.invokeExact(fd, buffer, 8192L, MSG_DONTWAIT);
                if (n >= 0) {
                    byte[] bytes = buffer.asSlice(0, n).toArray(JAVA_BYTE);
                    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
                }
                Thread.sleep(5);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws Exception {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        Files.deleteIfExists(path);
    }
}
