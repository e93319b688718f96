package dev.jwrap.core.resolve;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The system's passwd and group databases through glibc's {@code getpwnam_r} and
 * {@code getgrnam_r} (FFM API), so every nsswitch.conf source counts, not just /etc/passwd. Names
 * travel as ISO-8859-1 bytes; a name with NUL or a character above U+00FF is never found. Calls
 * run on the caller's thread and block as long as the C library does (a virtual thread stays
 * pinned meanwhile; local files answer in microseconds). Stateless and thread-safe.
 */
public final class SystemUserDatabase implements UserDatabase {

    /** Enough for ordinary entries; the buffer doubles on ERANGE (large groups) up to the cap. */
    static final int DEFAULT_BUFFER = 1024;

    private static final long MAX_BUFFER = 64L << 20;

    private static final long PW_NAME = Libc.offset(Libc.PASSWD, "pw_name");
    private static final long PW_UID = Libc.offset(Libc.PASSWD, "pw_uid");
    private static final long PW_GID = Libc.offset(Libc.PASSWD, "pw_gid");
    private static final long PW_DIR = Libc.offset(Libc.PASSWD, "pw_dir");
    private static final long GR_NAME = Libc.offset(Libc.GROUP, "gr_name");
    private static final long GR_GID = Libc.offset(Libc.GROUP, "gr_gid");
    private static final long GR_MEM = Libc.offset(Libc.GROUP, "gr_mem");

    private final Libc libc;
    private final int initialBuffer;

    /**
     * A database backed by the C library.
     *
     * @throws UnsupportedOperationException if this is not 64-bit Linux with glibc
     */
    public SystemUserDatabase() {
        this(new Libc(), DEFAULT_BUFFER);
    }

    SystemUserDatabase(Libc libc, int initialBuffer) {
        if (initialBuffer < 1) {
            throw new IllegalArgumentException("initialBuffer must be at least 1, got " + initialBuffer);
        }
        this.libc = Objects.requireNonNull(libc, "libc");
        this.initialBuffer = initialBuffer;
    }

    /** The passwd entry of {@code name}, or empty when there is none or the lookup failed. */
    @Override
    public Optional<User> user(String name) {
        Objects.requireNonNull(name, "name");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entry = lookup(arena, name, Libc.PASSWD.byteSize(), libc::getpwnamR);
            if (entry == null) {
                return Optional.empty();
            }
            return Optional.of(new User(
                    Libc.string(entry.get(ADDRESS, PW_NAME)),
                    entry.get(JAVA_INT, PW_UID),
                    entry.get(JAVA_INT, PW_GID),
                    Objects.requireNonNullElse(Libc.string(entry.get(ADDRESS, PW_DIR)), "")));
        }
    }

    /** The group entry of {@code name}, or empty when there is none or the lookup failed. */
    @Override
    public Optional<Group> group(String name) {
        Objects.requireNonNull(name, "name");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entry = lookup(arena, name, Libc.GROUP.byteSize(), libc::getgrnamR);
            if (entry == null) {
                return Optional.empty();
            }
            return Optional.of(new Group(
                    Libc.string(entry.get(ADDRESS, GR_NAME)),
                    entry.get(JAVA_INT, GR_GID),
                    members(entry.get(ADDRESS, GR_MEM))));
        }
    }

    /** The {@code char **gr_mem} list: pointers up to a NULL one. */
    @SuppressWarnings("restricted") // the array extends to its NULL pointer
    private static List<String> members(MemorySegment list) {
        List<String> members = new ArrayList<>();
        if (list.address() == 0) {
            return members;
        }
        MemorySegment array = list.reinterpret(Long.MAX_VALUE);
        for (long off = 0; ; off += ADDRESS.byteSize()) {
            MemorySegment member = array.get(ADDRESS, off);
            if (member.address() == 0) {
                return members;
            }
            members.add(Libc.string(member));
        }
    }

    /** One of the {@code get*nam_r(name, entry, buf, buflen, &result)} functions. */
    @FunctionalInterface
    private interface ReentrantLookup {
        int call(MemorySegment name, MemorySegment entry, MemorySegment buf, long buflen, MemorySegment result);
    }

    /**
     * Calls a {@code get*nam_r} function, growing the string buffer while it answers ERANGE. The
     * entry and its strings live in {@code arena}.
     *
     * @return the filled entry, or null when not found or on any other error
     */
    private MemorySegment lookup(Arena arena, String name, long entrySize, ReentrantLookup function) {
        MemorySegment cName = Libc.cString(arena, name);
        if (cName == null) {
            return null;
        }
        MemorySegment entry = arena.allocate(entrySize, ADDRESS.byteAlignment());
        MemorySegment result = arena.allocate(ADDRESS);
        for (long size = initialBuffer; size <= MAX_BUFFER; size *= 2) {
            MemorySegment buffer = arena.allocate(size, ADDRESS.byteAlignment());
            int rc = function.call(cName, entry, buffer, size, result);
            if (rc != Libc.ERANGE) {
                return rc == 0 && result.get(ADDRESS, 0).address() != 0 ? entry : null;
            }
        }
        return null;
    }
}
