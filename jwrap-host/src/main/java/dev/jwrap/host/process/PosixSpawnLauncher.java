package dev.jwrap.host.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;

/**
 * Starts programs with glibc's {@code posix_spawn} through the FFM API (inetd.md §9.4): no fork
 * of the JVM, and the child gets exactly what openbsd-inetd's children get. The socket is
 * dup'ed onto fds 0, 1 and 2 and every other descriptor is closed ({@code closefrom(3)}), the
 * child starts a new session, its signal mask is empty and every signal has its default
 * disposition, and its environment is exactly the request's. Identity, umask and nice are
 * applied by the helper stages {@link ExecChain} chains in when needed.
 *
 * <p>Constructing a launcher sets the process umask (inetd does the same at start-up), so a
 * request with that umask needs no helper. Thread-safe: each spawn uses its own native memory.
 */
public final class PosixSpawnLauncher implements ProcessLauncher {

    private static final short FLAGS = (short) (Posix.POSIX_SPAWN_SETSID | Posix.POSIX_SPAWN_SETSIGMASK
            | Posix.POSIX_SPAWN_SETSIGDEF);

    private final Posix posix;
    private final ExecChain chain;
    private final int processUmask;
    private final Charset charset;

    /**
     * A launcher with the Debian helper programs that sets the process umask to 022.
     *
     * @throws UnsupportedOperationException when not on 64-bit Linux with glibc 2.34 or later
     */
    public PosixSpawnLauncher() {
        this(HelperPrograms.debian(), SpawnRequest.DEFAULT_UMASK);
    }

    /**
     * @param helpers where setpriv, perl and nice are
     * @param processUmask the umask to give this process now; children of requests with the same
     *     umask inherit it without a helper
     */
    public PosixSpawnLauncher(HelperPrograms helpers, int processUmask) {
        this(new Posix(), helpers, processUmask);
    }

    PosixSpawnLauncher(Posix posix, HelperPrograms helpers, int processUmask) {
        this.posix = Objects.requireNonNull(posix, "posix");
        this.chain = new ExecChain(Objects.requireNonNull(helpers, "helpers"));
        this.processUmask = processUmask;
        posix.umask(processUmask);
        // Strings reach C in the encoding the JDK used to decode the environment and file names.
        this.charset = Posix.NATIVE_CHARSET;
    }

    @Override
    public int spawn(SpawnRequest request) throws SpawnException {
        ExecChain.Invocation invocation = chain.plan(request, processUmask);
        if (invocation.chained()) {
            checkExecutable(request);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fileActions = Posix.opaque(arena, Posix.FILE_ACTIONS_SIZE);
            require(posix.fileActionsInit(fileActions), "posix_spawn_file_actions_init");
            try {
                addFileActions(arena, fileActions, request);
                return spawnWithAttributes(arena, fileActions, invocation, request.environment());
            } finally {
                posix.fileActionsDestroy(fileActions);
            }
        }
    }

    private void addFileActions(Arena arena, MemorySegment fa, SpawnRequest request) throws SpawnException {
        int source = request.stdioFd();
        if (source == SpawnRequest.NO_STDIO) {
            require(posix.addOpen(fa, 0, arena.allocateFrom("/dev/null"), Posix.O_RDWR, 0), "addopen /dev/null");
            source = 0;
        }
        // dup2 onto 0, 1 and 2 clears FD_CLOEXEC on the copies; glibc clears it even when
        // source and target are the same descriptor.
        for (int target = 0; target <= 2; target++) {
            require(posix.addDup2(fa, source, target), "adddup2");
        }
        // Everything else the JVM holds (jimage, /dev/random, pipes opened without CLOEXEC)
        // must not reach the service.
        require(posix.addCloseFrom(fa, 3), "addclosefrom_np");
        if (request.workingDirectory().isPresent()) {
            String dir = request.workingDirectory().get().toString();
            require(posix.addChdir(fa, arena.allocateFrom(dir, charset)), "addchdir_np");
        }
    }

    private int spawnWithAttributes(Arena arena, MemorySegment fileActions, ExecChain.Invocation invocation,
            List<String> environment) throws SpawnException {
        MemorySegment attr = Posix.opaque(arena, Posix.SPAWNATTR_SIZE);
        require(posix.attrInit(attr), "posix_spawnattr_init");
        try {
            // JVM threads block some signals (SIGQUIT) and the JVM handles others; a service must
            // start with an empty mask and every disposition at its default.
            MemorySegment empty = Posix.emptySignalSet(arena);
            // Every bit set, not sigfillset(): that leaves out glibc's internal signals 32 and 33,
            // which posix_spawn then sets to SIG_IGN in the child, and ignored survives the exec.
            MemorySegment all = Posix.opaque(arena, Posix.SIGSET_SIZE).fill((byte) 0xff);
            require(posix.attrSetSigMask(attr, empty), "posix_spawnattr_setsigmask");
            require(posix.attrSetSigDefault(attr, all), "posix_spawnattr_setsigdefault");
            require(posix.attrSetFlags(attr, FLAGS), "posix_spawnattr_setflags");
            MemorySegment pid = arena.allocate(JAVA_INT);
            String path = invocation.executable().toString();
            int rc = posix.posixSpawn(pid, arena.allocateFrom(path, charset), fileActions, attr,
                    Posix.cStringArray(arena, invocation.argv()), Posix.cStringArray(arena, environment));
            if (rc != 0) {
                throw new SpawnException("execv " + path + ": " + posix.describe(rc), rc);
            }
            return pid.get(JAVA_INT, 0);
        } finally {
            posix.attrDestroy(attr);
        }
    }

    /**
     * A chained child execs the program only after the helpers ran, too late to report failure
     * as inetd does; check up front so the usual case gets the usual log line.
     */
    static void checkExecutable(SpawnRequest request) throws SpawnException {
        var program = request.program();
        if (!Files.exists(program)) {
            throw new SpawnException("execv " + program + ": No such file or directory", 2);
        }
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new SpawnException("execv " + program + ": Permission denied", 13);
        }
    }


    private void require(int rc, String step) throws SpawnException {
        if (rc != 0) {
            throw new SpawnException("posix_spawn " + step + ": " + posix.describe(rc), rc);
        }
    }
}
