package dev.jwrap.proxy.tcpd;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.jwrap.core.sys.NativeLibc;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/** This process's file creation mask, set through the C library (the JDK has no umask call). Stateless. */
final class ProcessUmask {

    /** The FFM binding, made only when libjwrap.so is not loaded ({@link NativeLibc}); null otherwise. */
    private final MethodHandle umask;

    @SuppressWarnings("restricted") // one call into the C library
    ProcessUmask() {
        if (NativeLibc.available()) {
            umask = null;
        } else {
            Linker linker = Linker.nativeLinker();
            umask = linker.downcallHandle(linker.defaultLookup().find("umask").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        }
    }

    /** Sets the mask; returns the previous one. */
    int set(int mask) {
        if (umask == null) {
            return NativeLibc.umask(mask);
        }
        try {
            return (int) umask.invokeExact(mask);
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to umask() failed", t);
        }
    }
}
