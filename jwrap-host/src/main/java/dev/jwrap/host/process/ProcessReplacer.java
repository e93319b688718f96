package dev.jwrap.host.process;


import dev.jwrap.core.sys.NativeLibc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Replaces this JVM with a program, keeping the process id (tcpd's final {@code execv}, for
 * {@code jwrap tcpd}, issue 5). The request's socket is placed on fds 0, 1 and 2 (for tcpd it is
 * already fd 0), every descriptor from 3 up is marked close-on-exec, the calling thread's signal
 * mask is emptied (signals the JVM handles return to their default at exec; ignored ones stay
 * ignored, as under tcpd), the umask is set, and identity and nice go through the same helper
 * chain as {@link PosixSpawnLauncher}. There is no new session: tcpd does not start one either.
 * Only for a process about to end: on success nothing returns, and a failed exec leaves stdio
 * rewired. Thread-safe in the sense that matters: the first successful call ends the JVM.
 */
public final class ProcessReplacer {

    private static final int MAX_FD = -1; // ~0U: close_range's "up to the last descriptor"

    /** The FFM bindings, made only when libjwrap.so is not loaded ({@link NativeLibc}); null otherwise. */
    private final Posix posix;
    private final ExecChain chain;
    private final Charset charset;

    /**
     * @throws UnsupportedOperationException when not on 64-bit Linux with glibc 2.34 or later
     */
    public ProcessReplacer(HelperPrograms helpers) {
        this.posix = NativeLibc.available() ? null : new Posix();
        this.chain = new ExecChain(Objects.requireNonNull(helpers, "helpers"));
        this.charset = NativeStrings.CHARSET;
    }

    /**
     * Execs the request's program in place of this process.
     *
     * @throws SpawnException when the program cannot be exec'd; the JVM keeps running
     */
    public void exec(SpawnRequest request) throws SpawnException {
        // This process takes the request's umask itself, so the chain never needs perl for it.
        if (posix == null) {
            NativeLibc.umask(request.umask());
        } else {
            posix.umask(request.umask());
        }
        ExecChain.Invocation invocation = chain.plan(request, request.umask());
        if (invocation.chained()) {
            PosixSpawnLauncher.checkExecutable(request);
        }
        if (posix == null) {
            execThroughJni(invocation, request);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(invocation.executable().toString(), charset);
            MemorySegment argv = Posix.cStringArray(arena, invocation.argv());
            MemorySegment envp = Posix.cStringArray(arena, request.environment());
            redirectStdio(request.stdioFd());
            require(posix.closeRange(3, MAX_FD, Posix.CLOSE_RANGE_CLOEXEC), "close_range");
            require(-posix.pthreadSigmask(Posix.SIG_SETMASK, Posix.emptySignalSet(arena)), "pthread_sigmask");
            int errno = posix.execve(path, argv, envp);
            throw new SpawnException("execv " + invocation.executable() + ": " + describe(errno), errno);
        }
    }

    /** The same steps through libjwrap.so: no FFM class is loaded on jwrap tcpd's way to the daemon. */
    private void execThroughJni(ExecChain.Invocation invocation, SpawnRequest request) throws SpawnException {
        byte[] path = NativeStrings.bytes(invocation.executable().toString());
        byte[][] argv = NativeStrings.bytes(invocation.argv());
        byte[][] envp = NativeStrings.bytes(request.environment());
        redirectStdio(request.stdioFd());
        require(NativeLibc.closeRange(3, MAX_FD, Posix.CLOSE_RANGE_CLOEXEC), "close_range");
        require(NativeLibc.unblockSignals(), "pthread_sigmask");
        int errno = -NativeLibc.execve(path, argv, envp);
        throw new SpawnException("execv " + invocation.executable() + ": " + describe(errno), errno);
    }

    private void redirectStdio(int fd) throws SpawnException {
        if (fd == SpawnRequest.NO_STDIO) {
            throw new SpawnException("exec needs the connection's descriptor, not NO_STDIO", 22);
        }
        for (int target = 0; target <= 2; target++) {
            if (fd != target) {
                require(posix == null ? NativeLibc.dup2(fd, target) : posix.dup2(fd, target), "dup2");
            }
        }
    }


    private void require(int rc, String step) throws SpawnException {
        if (rc != 0) {
            throw new SpawnException(step + ": " + describe(-rc), -rc);
        }
    }

    private String describe(int errno) {
        return posix == null ? NativeLibc.describe(errno) : posix.describe(errno);
    }
}
