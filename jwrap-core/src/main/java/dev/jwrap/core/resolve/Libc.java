package dev.jwrap.core.resolve;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jwrap.core.sys.Downcall;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;

/**
 * The glibc functions the system lookups call, bound through the FFM API, with the C layouts
 * and constants they need (Linux, LP64: x86_64 and aarch64 share them). Strings cross the
 * boundary as ISO-8859-1, byte for byte, like the access tables are read, so a name from a table
 * reaches the C library with its exact bytes. Immutable and thread-safe.
 */
final class Libc {

    // <bits/socket.h>, <netdb.h>, <errno.h> on Linux.
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int AI_CANONNAME = 0x0002;
    static final int NI_NAMEREQD = 8;
    static final int NI_MAXHOST = 1025;
    static final int ERANGE = 34;

    /** {@code struct addrinfo}; the padding keeps {@code ai_addr} pointer-aligned. */
    static final StructLayout ADDRINFO = MemoryLayout.structLayout(
            JAVA_INT.withName("ai_flags"),
            JAVA_INT.withName("ai_family"),
            JAVA_INT.withName("ai_socktype"),
            JAVA_INT.withName("ai_protocol"),
            JAVA_INT.withName("ai_addrlen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("ai_addr"),
            ADDRESS.withName("ai_canonname"),
            ADDRESS.withName("ai_next"));

    /** {@code struct passwd}. */
    static final StructLayout PASSWD = MemoryLayout.structLayout(
            ADDRESS.withName("pw_name"),
            ADDRESS.withName("pw_passwd"),
            JAVA_INT.withName("pw_uid"),
            JAVA_INT.withName("pw_gid"),
            ADDRESS.withName("pw_gecos"),
            ADDRESS.withName("pw_dir"),
            ADDRESS.withName("pw_shell"));

    /** {@code struct group}. */
    static final StructLayout GROUP = MemoryLayout.structLayout(
            ADDRESS.withName("gr_name"),
            ADDRESS.withName("gr_passwd"),
            JAVA_INT.withName("gr_gid"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("gr_mem"));

    private final Downcall getaddrinfo;
    private final Downcall freeaddrinfo;
    private final Downcall getnameinfo;
    private final Downcall innetgr;
    private final Downcall getdomainname;
    private final Downcall getpwnamR;
    private final Downcall getgrnamR;

    /**
     * Finds the functions; each is bound on its first call (a run that asks for no name or user
     * binds nothing, one that only matches addresses binds no user function).
     *
     * @throws UnsupportedOperationException when not on 64-bit Linux, whose layouts this class
     *     hard-codes, or when the C library lacks one of the functions
     */
    Libc() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux") || ADDRESS.byteSize() != 8) {
            throw new UnsupportedOperationException(
                    "the system lookups need 64-bit Linux with glibc; this is " + os + " with "
                            + ADDRESS.byteSize() * 8 + "-bit pointers; use another HostResolver/UserDatabase");
        }
        getaddrinfo = Downcall.of("getaddrinfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        freeaddrinfo = Downcall.of("freeaddrinfo", FunctionDescriptor.ofVoid(ADDRESS));
        getnameinfo = Downcall.of("getnameinfo",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        innetgr = Downcall.of("innetgr", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        getdomainname = Downcall.of("getdomainname", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        FunctionDescriptor byName = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
        getpwnamR = Downcall.of("getpwnam_r", byName);
        getgrnamR = Downcall.of("getgrnam_r", byName);
    }

    int getaddrinfo(MemorySegment node, MemorySegment service, MemorySegment hints, MemorySegment res) {
        try {
            return (int) getaddrinfo.handle().invokeExact(node, service, hints, res);
        } catch (Throwable t) {
            throw getaddrinfo.failed(t);
        }
    }

    void freeaddrinfo(MemorySegment res) {
        try {
            freeaddrinfo.handle().invokeExact(res);
        } catch (Throwable t) {
            throw freeaddrinfo.failed(t);
        }
    }

    int getnameinfo(MemorySegment sa, int salen, MemorySegment host, int hostlen, int flags) {
        try {
            return (int) getnameinfo.handle().invokeExact(sa, salen, host, hostlen, MemorySegment.NULL, 0, flags);
        } catch (Throwable t) {
            throw getnameinfo.failed(t);
        }
    }

    int innetgr(MemorySegment netgroup, MemorySegment host, MemorySegment user, MemorySegment domain) {
        try {
            return (int) innetgr.handle().invokeExact(netgroup, host, user, domain);
        } catch (Throwable t) {
            throw innetgr.failed(t);
        }
    }

    int getdomainname(MemorySegment name, long len) {
        try {
            return (int) getdomainname.handle().invokeExact(name, len);
        } catch (Throwable t) {
            throw getdomainname.failed(t);
        }
    }

    int getpwnamR(MemorySegment name, MemorySegment pwd, MemorySegment buf, long buflen, MemorySegment result) {
        try {
            return (int) getpwnamR.handle().invokeExact(name, pwd, buf, buflen, result);
        } catch (Throwable t) {
            throw getpwnamR.failed(t);
        }
    }

    int getgrnamR(MemorySegment name, MemorySegment grp, MemorySegment buf, long buflen, MemorySegment result) {
        try {
            return (int) getgrnamR.handle().invokeExact(name, grp, buf, buflen, result);
        } catch (Throwable t) {
            throw getgrnamR.failed(t);
        }
    }

    /**
     * The NUL-terminated ISO-8859-1 form of {@code s}, or null when C cannot be given {@code s}
     * unchanged: it contains NUL (C would see a shorter string) or a character above U+00FF
     * (no single byte stands for it). Such a name cannot exist in the system databases.
     */
    static MemorySegment cString(Arena arena, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0' || c > 0xff) {
                return null;
            }
        }
        return arena.allocateFrom(s, StandardCharsets.ISO_8859_1);
    }

    /** The C string a pointer points to, or null for a NULL pointer. */
    @SuppressWarnings("restricted") // a C string extends to its NUL, wherever that is
    static String string(MemorySegment pointer) {
        if (pointer.address() == 0) {
            return null;
        }
        return pointer.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.ISO_8859_1);
    }

    static long offset(StructLayout layout, String field) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
