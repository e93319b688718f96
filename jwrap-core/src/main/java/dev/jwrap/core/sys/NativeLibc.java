package dev.jwrap.core.sys;

import java.io.File;

/**
 * The C library calls of jwrap's short-lived commands through {@code libjwrap.so}, a small JNI
 * library built with the project (jwrap-core/src/main/c). A JNI method costs the JVM one symbol
 * lookup when first called; an FFM downcall handle costs it a generated stub class and its lambda
 * forms, tens of milliseconds that no AOT cache keeps, which decided the start-up of
 * {@code jwrap check} and {@code jwrap-tcpd} (docs/PERFORMANCE.md §9). The callers keep their FFM
 * bindings for when the library is not there ({@link #available()} false).
 *
 * <p>The functions take and return Java arrays, never pointers: FFM's memory access would cost the
 * start-up its own generated classes. Functions that set {@code errno} return {@code -errno} on
 * failure (a negative result), and the callers raise an exception with {@link #describe}'s text
 * for it. Stateless and thread-safe.
 *
 * <p>The library is found, once, at the path in the system property {@code jwrap.native.library}
 * ({@code none} turns it off), else as {@code libjwrap.so} next to a class-path jar (the package
 * and {@code jwrap-cli/target} put it beside {@code jwrap.jar}) or in the parent of a class-path
 * directory (a module's {@code target/} during the build).
 */
public final class NativeLibc {

    /** The system property naming the library's path; {@code none} means: use FFM only. */
    public static final String LIBRARY_PROPERTY = "jwrap.native.library";

    static final String FILE_NAME = "libjwrap.so";
    /** Bumped with every change of a function's signature, so a stale library is not used. */
    private static final int ABI_VERSION = 4;

    /** Loaded when this class is initialised, so that every native method can rely on it. */
    private static final boolean LOADED = load();

    private NativeLibc() {}

    /** Whether the library is loaded (looked for once, when this class is first used). */
    public static boolean available() {
        return LOADED;
    }

    /** Where the library is looked for, in order; empty when the property turns it off. */
    static File[] candidates(String property, String classPath) {
        if (property != null) {
            return property.isEmpty() || property.equals("none") ? new File[0] : new File[] {new File(property)};
        }
        String[] entries = classPath.split(File.pathSeparator);
        File[] files = new File[entries.length];
        for (int i = 0; i < entries.length; i++) {
            // the jar's directory, or a class directory's parent: target/ for both in a Maven build
            File dir = new File(entries[i]).getAbsoluteFile().getParentFile();
            files[i] = new File(dir == null ? new File("/") : dir, FILE_NAME);
        }
        return files;
    }

    private static boolean load() {
        for (File candidate : candidates(
                System.getProperty(LIBRARY_PROPERTY), System.getProperty("java.class.path", ""))) {
            if (candidate.isFile()) {
                try {
                    System.load(candidate.getAbsolutePath());
                    return abiVersion() == ABI_VERSION;
                } catch (UnsatisfiedLinkError e) {
                    // another architecture, or a library of another jwrap without these functions: FFM serves
                    return false;
                }
            }
        }
        return false;
    }

    private static native int abiVersion();

    /** The C library's English text for an error number ({@code strerrordesc_np}), or null for an unknown one. */
    public static native String errorText(int errno);

    /** The C library's text for an error number, {@code "Unknown error N"} for one it does not know. */
    public static String describe(int errno) {
        String text = errorText(errno);
        return text == null ? "Unknown error " + errno : text;
    }

    // Name service. Strings are the bytes C sees, without a terminating NUL (the library adds it).

    /**
     * {@code getnameinfo(NI_NAMEREQD)} of a 4- or 16-byte address.
     *
     * @param scope the IPv6 scope id (0: none)
     * @param host receives the NUL-terminated name (NI_MAXHOST bytes are enough)
     * @return 0, or getnameinfo's EAI_* code
     */
    public static native int hostName(byte[] address, int scope, byte[] host);

    /**
     * {@code getaddrinfo(node, NULL, {AI_CANONNAME, family, SOCK_STREAM})}, flattened: the canonical
     * name's length (two bytes, big-endian; 0xffff for none) and bytes, then per address its family
     * byte (4 or 6), its 4 or 16 bytes, and for IPv6 the scope id (four bytes, big-endian).
     *
     * @return null when the lookup failed or found nothing
     */
    public static native byte[] addresses(byte[] node, int family);

    /** {@code innetgr(group, host, NULL, domain)}, {@code domain} may be null: 1 in the group, 0 not. */
    public static native int innetgr(byte[] group, byte[] host, byte[] domain);

    /** {@code getdomainname} into {@code name}, NUL-terminated: 0, or {@code -errno}. */
    public static native int getdomainname(byte[] name);

    // Sockets and descriptors: a count, a descriptor or 0 on success, else -errno.
    // A socket address is a struct sockaddr's bytes; give 128 bytes (sockaddr_storage) for one to be filled.

    /** {@code getpeername} ({@code peer}) or {@code getsockname} into {@code address}: the address's length. */
    public static native int socketName(int fd, boolean peer, byte[] address);

    /** The sender of the first queued datagram, which stays queued ({@code recvfrom(MSG_PEEK)}; EINTR retried). */
    public static native int peekSender(int fd, byte[] address);

    /** Reads and drops one queued datagram, without waiting. */
    public static native int discardDatagram(int fd);

    /** An int-valued {@code setsockopt}. */
    public static native int setIntOption(int fd, int level, int option, int value);

    /**
     * A {@code getsockopt} whose value is bytes ({@code IP_OPTIONS}), into {@code value}: the
     * option's length as the kernel reports it (only what fits in {@code value} is copied).
     */
    public static native int getBytesOption(int fd, int level, int option, byte[] value);

    /** A {@code setsockopt} with {@code value}'s bytes, or with none ({@code NULL, 0}) when it is null. */
    public static native int setBytesOption(int fd, int level, int option, byte[] value);

    /** {@code shutdown(fd, how)}. */
    public static native int shutdown(int fd, int how);

    /** {@code SO_LINGER}: on with {@code seconds}, or off. */
    public static native int setLinger(int fd, boolean on, int seconds);

    /** One {@code write} of up to 4 KiB of {@code data[offset, offset + length)}: the count written. */
    public static native int write(int fd, byte[] data, int offset, int length);

    /** {@code socket(domain, type, protocol)}: the descriptor. */
    public static native int socket(int domain, int type, int protocol);

    /** {@code connect} to the first {@code length} bytes of {@code address}. */
    public static native int connect(int fd, byte[] address, int length);

    /** {@code send} of the whole array: the count sent. */
    public static native int send(int fd, byte[] data, int flags);

    /** {@code close(fd)}. */
    public static native int close(int fd);

    // Syslog lines.

    /** This process's id ({@code ProcessHandle} would start the JDK's process-reaper machinery). */
    public static native int getpid();

    /**
     * {@code localtime_r} of an epoch second, in the zone the C library uses (TZ, /etc/localtime),
     * as glibc's syslog() stamps its lines.
     *
     * @param fields receives month (0-11), day of month, hour, minute and second
     * @return 0, or {@code -EOVERFLOW}
     */
    public static native int localTime(long epochSecond, int[] fields);

    // Replacing the process.

    /** Sets the umask; returns the previous one. */
    public static native int umask(int mask);

    /** {@code dup2(fd, target)}. */
    public static native int dup2(int fd, int target);

    /** {@code close_range(first, last, flags)} ({@code last} -1: every descriptor from {@code first}). */
    public static native int closeRange(int first, int last, int flags);

    /** Empties the calling thread's signal mask: 0, or minus {@code pthread_sigmask}'s error number. */
    public static native int unblockSignals();

    /** {@code execve}; returns only when it failed, with {@code -errno}. Strings without their NUL. */
    public static native int execve(byte[] path, byte[][] argv, byte[][] envp);
}
