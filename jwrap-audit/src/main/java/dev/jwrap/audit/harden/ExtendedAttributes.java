package dev.jwrap.audit.harden;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended attributes that carry a file's POSIX ACL and SELinux label, read from the file harden
 * replaces and given to its replacement (spec §5.4), through libc's {@code lgetxattr(2)} and
 * {@code lsetxattr(2)}: the JDK has no view of either on Linux. A file system or kernel without
 * them simply has none to copy. Stateless.
 */
final class ExtendedAttributes {

    /** The ACL that {@code setfacl} writes, and the SELinux label. */
    static final List<String> NAMES = List.of("system.posix_acl_access", "security.selinux");

    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;
    private static final int ERANGE = 34;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle GET = LINKER.downcallHandle(LINKER.defaultLookup().find("lgetxattr").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle SET = LINKER.downcallHandle(LINKER.defaultLookup().find("lsetxattr").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));

    private ExtendedAttributes() {}

    /** The ACL and label {@code file} has; absent ones are left out. */
    static Map<String, byte[]> read(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(file.toString());
            MemorySegment state = arena.allocate(CALL_STATE);
            for (String name : NAMES) {
                MemorySegment cname = arena.allocateFrom(name);
                for (int size = 256; ; size *= 4) {
                    MemorySegment buf = arena.allocate(size);
                    long n = (long) GET.invokeExact(state, path, cname, buf, (long) size);
                    if (n >= 0) {
                        out.put(name, buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
                        break;
                    }
                    int errno = (int) ERRNO.get(state, 0L);
                    if (errno == ENODATA || errno == ENOTSUP) {
                        break;
                    }
                    if (errno != ERANGE || size > 1 << 20) {
                        throw new IOException(file + ": cannot read " + name + " (errno " + errno + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(file + ": lgetxattr failed", t);
        }
        return out;
    }

    /** Gives {@code file} these attributes. */
    static void write(Path file, Map<String, byte[]> attributes) throws IOException {
        if (attributes.isEmpty()) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(file.toString());
            MemorySegment state = arena.allocate(CALL_STATE);
            for (Map.Entry<String, byte[]> a : attributes.entrySet()) {
                MemorySegment value = arena.allocateFrom(ValueLayout.JAVA_BYTE, a.getValue());
                int rc = (int) SET.invokeExact(state, path, arena.allocateFrom(a.getKey()), value, (long) a.getValue().length, 0);
                if (rc != 0) {
                    throw new IOException(file + ": cannot set " + a.getKey() + " (errno " + (int) ERRNO.get(state, 0L) + ")");
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(file + ": lsetxattr failed", t);
        }
    }
}
