package dev.jwrap.core.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * One C library function bound through the FFM API, the handle made on the first call: making a
 * handle costs the JVM a generated stub class per signature (tens of milliseconds of a
 * short-lived command's start-up, and not kept by the AOT cache, docs/PERFORMANCE.md §9), so a
 * run binds only what it calls. The FFM side of jwrap's C calls, for when libjwrap.so
 * ({@link NativeLibc}) is not loaded and for the long-running servers' process functions: the
 * symbol lookup, errno capture and the error text live here once. Thread-safe: two threads
 * racing to bind get equal handles (the linker caches per signature).
 */
public final class Downcall {

    /** The layout {@link #capturingErrno} calls write errno into; allocate one per call. */
    public static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();

    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final String name;
    private final MemorySegment symbol;
    private final FunctionDescriptor descriptor;
    private final Linker.Option[] options;
    private volatile MethodHandle handle;

    private Downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        this.name = name;
        this.symbol = Linker.nativeLinker().defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name + "()"));
        this.descriptor = descriptor;
        this.options = options;
    }

    /**
     * A function whose errno does not matter (or that returns its error).
     *
     * @throws UnsupportedOperationException when the C library has no such function
     */
    public static Downcall of(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return new Downcall(name, descriptor, options);
    }

    /**
     * A function whose errno matters: the handle takes an {@link #ERRNO_STATE} segment first, and
     * {@link #errno} reads it after the call.
     */
    public static Downcall capturingErrno(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(more, 0, options, 1, more.length);
        return new Downcall(name, descriptor, options);
    }

    /** The C function's name, for messages. */
    public String name() {
        return name;
    }

    /** The downcall handle, made on the first call. */
    @SuppressWarnings("restricted") // calling into the C library is the point of this class
    public MethodHandle handle() {
        MethodHandle h = handle;
        if (h == null) {
            h = Linker.nativeLinker().downcallHandle(symbol, descriptor, options);
            handle = h;
        }
        return h;
    }

    /** The errno a {@link #capturingErrno} call left in {@code state}. */
    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * The C library's English text for an error number, as {@code %m} prints it: through
     * libjwrap.so when it is loaded, else {@code strerrordesc_np} through FFM.
     */
    @SuppressWarnings("restricted") // a NUL-terminated static string of the C library
    public static String describe(int errno) {
        if (NativeLibc.available()) {
            return NativeLibc.describe(errno);
        }
        try {
            MemorySegment text = (MemorySegment) Strerror.DESC.handle().invokeExact(errno);
            return text.address() == 0
                    ? "Unknown error " + errno
                    : text.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            throw Strerror.DESC.failed(t);
        }
    }

    /** strerrordesc_np, bound when first needed. */
    private static final class Strerror {
        static final Downcall DESC = of("strerrordesc_np", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    /** A fresh errno state for one call. */
    public static MemorySegment errnoState(Arena arena) {
        return arena.allocate(ERRNO_STATE);
    }

    /**
     * What a failed {@code invokeExact} threw, for rethrowing: errors as they are, runtime
     * exceptions as they are, anything else (a downcall declares {@code Throwable}) wrapped.
     */
    public RuntimeException failed(Throwable t) {
        return failed(name, t);
    }

    /** {@link #failed(Throwable)} for a call whose handle was made elsewhere. */
    public static RuntimeException failed(String function, Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("downcall to " + function + "() failed", t);
    }
}
