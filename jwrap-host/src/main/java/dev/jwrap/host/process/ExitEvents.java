package dev.jwrap.host.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The kernel's word that a child has exited, without SIGCHLD: each watched child gets a pidfd
 * ({@code pidfd_open}, Linux 5.3), which turns readable when the child exits, in one epoll set; an
 * eventfd in the same set lets another thread interrupt a wait. A wait reports exactly the
 * children that exited, so reaping costs a few system calls per child, however many are watched,
 * and no JVM signal-handler thread is started per exit. Used by {@link ChildReaper}; one thread
 * waits, any thread may add and wake. Close once, after the waiting thread stopped.
 */
final class ExitEvents implements AutoCloseable {

    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLLIN = 0x1;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int MAX_EVENTS = 64;
    /** Marks the eventfd's events; pids are positive. */
    private static final long WAKE_TOKEN = -1;
    /** {@code struct epoll_event} is packed on x86-64 (12 bytes), naturally aligned elsewhere (16). */
    private static final long EVENT_SIZE = "amd64".equals(System.getProperty("os.arch")) ? 12 : 16;
    private static final long DATA_OFFSET = EVENT_SIZE - 8;
    private static final ValueLayout.OfLong DATA = JAVA_LONG.withByteAlignment(4);

    private final MethodHandle pidfdOpen;
    private final MethodHandle epollCtl;
    private final MethodHandle epollWait;
    private final MethodHandle write;
    private final MethodHandle read;
    private final MethodHandle close;
    private final int epoll;
    private final int wakeFd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment events = arena.allocate(EVENT_SIZE * MAX_EVENTS, 8);
    private final MemorySegment one = arena.allocate(JAVA_LONG);

    private ExitEvents(Linker linker, SymbolLookup libc) throws Throwable {
        pidfdOpen = bind(linker, libc, "pidfd_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        epollCtl = bind(linker, libc, "epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        epollWait = bind(linker, libc, "epoll_wait",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        write = bind(linker, libc, "write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        read = bind(linker, libc, "read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        close = bind(linker, libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        MethodHandle epollCreate = bind(linker, libc, "epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        MethodHandle eventfd = bind(linker, libc, "eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        epoll = (int) epollCreate.invokeExact(EPOLL_CLOEXEC);
        wakeFd = epoll < 0 ? -1 : (int) eventfd.invokeExact(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (epoll < 0 || wakeFd < 0 || !register(wakeFd, WAKE_TOKEN)) {
            close();
            throw new UnsupportedOperationException("epoll/eventfd unavailable");
        }
    }

    /** The exit events of this kernel and C library, or empty when pidfds or epoll are missing. */
    static Optional<ExitEvents> open() {
        try {
            Linker linker = Linker.nativeLinker();
            return Optional.of(new ExitEvents(linker, linker.defaultLookup()));
        } catch (Throwable unavailable) {
            return Optional.empty();
        }
    }

    /**
     * A pidfd for {@code pid}, a child of this process not yet reaped (so the pid cannot have
     * been reused), or -1 when the kernel refused (the caller then polls that child).
     */
    int pidfd(int pid) {
        try {
            int pidfd = (int) pidfdOpen.invokeExact(pid, 0);
            return pidfd < 0 ? -1 : pidfd;
        } catch (Throwable t) {
            return -1;
        }
    }

    /** Reports {@code pid}'s exit through {@link #await} from now on; false when epoll refused. */
    boolean watch(int pidfd, int pid) {
        return register(pidfd, pid);
    }

    /**
     * Waits up to {@code timeoutMillis} and passes each exited pid to {@code exited}; returns true
     * when {@link #wake()} was called.
     */
    boolean await(int timeoutMillis, IntConsumer exited) {
        int n;
        try {
            n = (int) epollWait.invokeExact(epoll, events, MAX_EVENTS, timeoutMillis);
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to epoll_wait() failed", t);
        }
        boolean woken = false;
        for (int i = 0; i < n; i++) {
            long token = events.get(DATA, i * EVENT_SIZE + DATA_OFFSET);
            if (token == WAKE_TOKEN) {
                woken = true;
                drainWake();
            } else {
                exited.accept((int) token);
            }
        }
        return woken;
    }

    /** Makes the current or next {@link #await} return at once. */
    void wake() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment value = call.allocate(JAVA_LONG);
            value.set(JAVA_LONG, 0, 1L);
            long ignored = (long) write.invokeExact(wakeFd, value, 8L);
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to write() failed", t);
        }
    }

    /** Closes a pidfd (it leaves the epoll set with it). */
    void closeFd(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to close() failed", t);
        }
    }

    @Override
    public void close() {
        if (wakeFd >= 0) {
            closeFd(wakeFd);
        }
        if (epoll >= 0) {
            closeFd(epoll);
        }
        arena.close();
    }

    private void drainWake() {
        try {
            long ignored = (long) read.invokeExact(wakeFd, one, 8L);
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to read() failed", t);
        }
    }

    private boolean register(int fd, long token) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment event = call.allocate(EVENT_SIZE, 8);
            event.set(JAVA_INT, 0, EPOLLIN);
            event.set(DATA, DATA_OFFSET, token);
            return (int) epollCtl.invokeExact(epoll, EPOLL_CTL_ADD, fd, event) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    @SuppressWarnings("restricted") // calling into the C library is the point of this class
    private static MethodHandle bind(Linker linker, SymbolLookup libc, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = libc.find(name)
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name + "()"));
        return linker.downcallHandle(symbol, descriptor);
    }
}
