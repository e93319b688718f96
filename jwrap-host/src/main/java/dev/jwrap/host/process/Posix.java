package dev.jwrap.host.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.jwrap.core.sys.Downcall;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;
import java.util.List;

/**
 * The glibc process functions the launcher and reaper call, bound once through the FFM API, with
 * the x86-64/aarch64 glibc sizes and constants they need. Functions whose errno matters return it
 * negated (a result below zero is {@code -errno}); the posix_spawn family returns the error number
 * itself, as C does. Immutable and thread-safe.
 */
final class Posix {

    /** The charset the JVM uses for file names and arguments; C strings are encoded with it. */
    static final Charset NATIVE_CHARSET = NativeStrings.CHARSET;

    /** A NULL-terminated {@code char *[]} (argv, envp) in {@link #NATIVE_CHARSET}. */
    static MemorySegment cStringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i), NATIVE_CHARSET));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    // <spawn.h> flags (glibc).
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;

    // Opaque glibc types on LP64 (spawn.h, signal.h): allocate these sizes, 8-byte aligned.
    static final long FILE_ACTIONS_SIZE = 80;
    static final long SPAWNATTR_SIZE = 336;
    static final long SIGSET_SIZE = 128;

    // <fcntl.h>, <sys/wait.h>, <errno.h> on Linux.
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int WNOHANG = 1;
    static final int SIG_SETMASK = 2;
    static final int CLOSE_RANGE_CLOEXEC = 4;
    static final int EINTR = 4;
    static final int ECHILD = 10;


    private final Downcall posixSpawn;
    private final Downcall faInit;
    private final Downcall faDestroy;
    private final Downcall faAddDup2;
    private final Downcall faAddOpen;
    private final Downcall faAddCloseFrom;
    private final Downcall faAddChdir;
    private final Downcall attrInit;
    private final Downcall attrDestroy;
    private final Downcall attrSetFlags;
    private final Downcall attrSetSigMask;
    private final Downcall attrSetSigDefault;
    private final Downcall waitpid;
    private final Downcall fcntl;
    private final Downcall umask;
    private final Downcall getgrouplist;
    private final Downcall geteuid;
    private final Downcall dup2;
    private final Downcall dup3;
    private final Downcall closeRange;
    private final Downcall pthreadSigmask;
    private final Downcall execve;
    private final Downcall getsockopt;
    private final Downcall getsockname;
    private final Downcall close;

    /**
     * Binds the functions.
     *
     * @throws UnsupportedOperationException when not on 64-bit Linux with glibc 2.34 or later
     */
    Posix() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux") || ADDRESS.byteSize() != 8) {
            throw new UnsupportedOperationException(
                    "spawning services needs 64-bit Linux with glibc; this is " + os);
        }
        FunctionDescriptor onePointer = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        posixSpawn = Downcall.of("posix_spawn",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        faInit = Downcall.of("posix_spawn_file_actions_init", onePointer);
        faDestroy = Downcall.of("posix_spawn_file_actions_destroy", onePointer);
        faAddDup2 = Downcall.of("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        faAddOpen = Downcall.of("posix_spawn_file_actions_addopen",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        faAddCloseFrom = Downcall.of("posix_spawn_file_actions_addclosefrom_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        faAddChdir = Downcall.of("posix_spawn_file_actions_addchdir_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        attrInit = Downcall.of("posix_spawnattr_init", onePointer);
        attrDestroy = Downcall.of("posix_spawnattr_destroy", onePointer);
        attrSetFlags = Downcall.of("posix_spawnattr_setflags",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
        attrSetSigMask = Downcall.of("posix_spawnattr_setsigmask",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        attrSetSigDefault = Downcall.of("posix_spawnattr_setsigdefault",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        waitpid = Downcall.capturingErrno("waitpid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        fcntl = Downcall.capturingErrno("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        umask = Downcall.of("umask", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        getgrouplist = Downcall.of("getgrouplist",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        dup2 = Downcall.capturingErrno("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        // dup3(fd, newFd, 0) is dup2 for two different descriptors, with close_range's signature:
        // one stub serves both (and socket's), a generated class less on jwrap tcpd's exec path
        dup3 = Downcall.capturingErrno("dup3", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        closeRange = Downcall.capturingErrno("close_range",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        // pthread_sigmask returns its error and leaves errno alone; it is bound with errno capture all
        // the same, so it shares the stub of getsockname's signature (one generated class less for
        // jwrap tcpd, whose exec is the only caller and which asks its socket for both ends that way)
        pthreadSigmask = Downcall.capturingErrno("pthread_sigmask",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        execve = Downcall.capturingErrno("execve", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        geteuid = Downcall.of("geteuid", FunctionDescriptor.of(JAVA_INT));
        getsockopt = Downcall.capturingErrno("getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        getsockname = Downcall.capturingErrno("getsockname",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        close = Downcall.capturingErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    int posixSpawn(MemorySegment pid, MemorySegment path, MemorySegment fileActions, MemorySegment attr,
            MemorySegment argv, MemorySegment envp) {
        try {
            return (int) posixSpawn.handle().invokeExact(pid, path, fileActions, attr, argv, envp);
        } catch (Throwable t) {
            throw Downcall.failed("posix_spawn", t);
        }
    }

    int fileActionsInit(MemorySegment fa) {
        return call(faInit, "posix_spawn_file_actions_init", fa);
    }

    int fileActionsDestroy(MemorySegment fa) {
        return call(faDestroy, "posix_spawn_file_actions_destroy", fa);
    }

    int addDup2(MemorySegment fa, int fd, int newFd) {
        try {
            return (int) faAddDup2.handle().invokeExact(fa, fd, newFd);
        } catch (Throwable t) {
            throw Downcall.failed("posix_spawn_file_actions_adddup2", t);
        }
    }

    int addOpen(MemorySegment fa, int fd, MemorySegment path, int flags, int mode) {
        try {
            return (int) faAddOpen.handle().invokeExact(fa, fd, path, flags, mode);
        } catch (Throwable t) {
            throw Downcall.failed("posix_spawn_file_actions_addopen", t);
        }
    }

    int addCloseFrom(MemorySegment fa, int lowFd) {
        try {
            return (int) faAddCloseFrom.handle().invokeExact(fa, lowFd);
        } catch (Throwable t) {
            throw Downcall.failed("posix_spawn_file_actions_addclosefrom_np", t);
        }
    }

    int addChdir(MemorySegment fa, MemorySegment path) {
        try {
            return (int) faAddChdir.handle().invokeExact(fa, path);
        } catch (Throwable t) {
            throw Downcall.failed("posix_spawn_file_actions_addchdir_np", t);
        }
    }

    int attrInit(MemorySegment attr) {
        return call(attrInit, "posix_spawnattr_init", attr);
    }

    int attrDestroy(MemorySegment attr) {
        return call(attrDestroy, "posix_spawnattr_destroy", attr);
    }

    int attrSetFlags(MemorySegment attr, short flags) {
        try {
            return (int) attrSetFlags.handle().invokeExact(attr, flags);
        } catch (Throwable t) {
            throw Downcall.failed("posix_spawnattr_setflags", t);
        }
    }

    int attrSetSigMask(MemorySegment attr, MemorySegment set) {
        return call2(attrSetSigMask, "posix_spawnattr_setsigmask", attr, set);
    }

    int attrSetSigDefault(MemorySegment attr, MemorySegment set) {
        return call2(attrSetSigDefault, "posix_spawnattr_setsigdefault", attr, set);
    }

    /**
     * An empty signal set: what {@code sigemptyset(3)} makes of a {@code sigset_t} on Linux, every
     * bit clear. Made in Java: a downcall would cost the exec path a stub class of its own.
     */
    static MemorySegment emptySignalSet(Arena arena) {
        return opaque(arena, SIGSET_SIZE).fill((byte) 0);
    }

    /** {@code waitpid(pid, status, options)}: the pid, 0 when still running, or {@code -errno}. */
    int waitpid(int pid, MemorySegment status, int options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(arena);
            int rc = (int) waitpid.handle().invokeExact(state, pid, status, options);
            return rc >= 0 ? rc : -Downcall.errno(state);
        } catch (Throwable t) {
            throw Downcall.failed("waitpid", t);
        }
    }

    /** {@code fcntl(fd, cmd, arg)}: the result, or {@code -errno}. */
    int fcntl(int fd, int cmd, int arg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(arena);
            int rc = (int) fcntl.handle().invokeExact(state, fd, cmd, arg);
            return rc >= 0 ? rc : -Downcall.errno(state);
        } catch (Throwable t) {
            throw Downcall.failed("fcntl", t);
        }
    }

    /** Sets the process umask; returns the previous one. */
    int umask(int mask) {
        try {
            return (int) umask.handle().invokeExact(mask);
        } catch (Throwable t) {
            throw Downcall.failed("umask", t);
        }
    }

    /** {@code dup2(fd, newFd)}: 0 on success, or {@code -errno}. */
    int dup2(int fd, int newFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(arena);
            int rc = fd == newFd
                    ? (int) dup2.handle().invokeExact(state, fd, newFd)
                    : (int) dup3.handle().invokeExact(state, fd, newFd, 0);
            return rc >= 0 ? 0 : -Downcall.errno(state);
        } catch (Throwable t) {
            throw Downcall.failed("dup2", t);
        }
    }

    /** {@code close_range(first, last, flags)}: 0 on success, or {@code -errno}. */
    int closeRange(int first, int last, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(arena);
            int rc = (int) closeRange.handle().invokeExact(state, first, last, flags);
            return rc >= 0 ? 0 : -Downcall.errno(state);
        } catch (Throwable t) {
            throw Downcall.failed("close_range", t);
        }
    }

    /** {@code pthread_sigmask(how, set, NULL)} for the calling thread: 0 or the error number. */
    int pthreadSigmask(int how, MemorySegment set) {
        try {
            try (Arena arena = Arena.ofConfined()) {
                return (int) pthreadSigmask.handle().invokeExact(Downcall.errnoState(arena), how, set, MemorySegment.NULL);
            }
        } catch (Throwable t) {
            throw Downcall.failed("pthread_sigmask", t);
        }
    }

    /** {@code execve}: returns only on failure, with {@code errno}. */
    int execve(MemorySegment path, MemorySegment argv, MemorySegment envp) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(arena);
            int ignored = (int) execve.handle().invokeExact(state, path, argv, envp);
            return Downcall.errno(state);
        } catch (Throwable t) {
            throw Downcall.failed("execve", t);
        }
    }

    /** An int-valued {@code getsockopt(fd, level, option)}: the value, or {@code -errno} (values are never negative). */
    int getsockoptInt(int fd, int level, int option) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(arena);
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) JAVA_INT.byteSize());
            int rc = (int) getsockopt.handle().invokeExact(state, fd, level, option, value, length);
            return rc >= 0 ? value.get(JAVA_INT, 0) : -Downcall.errno(state);
        } catch (Throwable t) {
            throw Downcall.failed("getsockopt", t);
        }
    }

    /** {@code getsockname(fd)} into {@code address} (a {@code sockaddr_storage}): 0, or {@code -errno}. */
    int getsockname(int fd, MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(arena);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) address.byteSize());
            int rc = (int) getsockname.handle().invokeExact(state, fd, address, length);
            return rc >= 0 ? 0 : -Downcall.errno(state);
        } catch (Throwable t) {
            throw Downcall.failed("getsockname", t);
        }
    }

    /** {@code close(fd)}: 0, or {@code -errno}. */
    int close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcall.errnoState(arena);
            int rc = (int) close.handle().invokeExact(state, fd);
            return rc >= 0 ? 0 : -Downcall.errno(state);
        } catch (Throwable t) {
            throw Downcall.failed("close", t);
        }
    }

    /** The effective user id of this process. */
    int geteuid() {
        try {
            return (int) geteuid.handle().invokeExact();
        } catch (Throwable t) {
            throw Downcall.failed("geteuid", t);
        }
    }

    int getgrouplist(MemorySegment user, int group, MemorySegment groups, MemorySegment count) {
        try {
            return (int) getgrouplist.handle().invokeExact(user, group, groups, count);
        } catch (Throwable t) {
            throw Downcall.failed("getgrouplist", t);
        }
    }

    /** The English text of an error number ("No such file or directory"), as strerror gives it in the C locale. */
    String describe(int errno) {
        return Downcall.describe(errno);
    }

    /** Allocates an opaque glibc object of {@code size} bytes, pointer-aligned. */
    static MemorySegment opaque(Arena arena, long size) {
        return arena.allocate(size, JAVA_LONG.byteAlignment());
    }

    private static int call(Downcall handle, String name, MemorySegment a) {
        try {
            return (int) handle.handle().invokeExact(a);
        } catch (Throwable t) {
            throw Downcall.failed(name, t);
        }
    }

    private static int call2(Downcall handle, String name, MemorySegment a, MemorySegment b) {
        try {
            return (int) handle.handle().invokeExact(a, b);
        } catch (Throwable t) {
            throw Downcall.failed(name, t);
        }
    }
}
