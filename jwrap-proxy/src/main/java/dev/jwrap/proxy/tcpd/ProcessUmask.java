package dev.jwrap.proxy.tcpd;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/** This process's file creation mask, set through the C library (the JDK has no umask call). Stateless. */
final class ProcessUmask {

    private final MethodHandle umask;

    @SuppressWarnings("restricted") // one call into the C library
    ProcessUmask() {
        Linker linker = Linker.nativeLinker();
        umask = linker.downcallHandle(linker.defaultLookup().find("umask").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    /** Sets the mask; returns the previous one. */
    int set(int mask) {
        try {
            return (int) umask.invokeExact(mask);
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to umask() failed", t);
        }
    }
}
