package dev.jwrap.proxy.tcpd;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.jwrap.core.sys.Downcall;
import dev.jwrap.core.sys.NativeLibc;
import java.lang.foreign.FunctionDescriptor;

/** This process's file creation mask, set through the C library (the JDK has no umask call). Stateless. */
final class ProcessUmask {

    /** The FFM binding, made only when libjwrap.so is not loaded ({@link NativeLibc}); null otherwise. */
    private final Downcall umask;

    ProcessUmask() {
        if (NativeLibc.available()) {
            umask = null;
        } else {
            umask = Downcall.of("umask", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        }
    }

    /** Sets the mask; returns the previous one. */
    int set(int mask) {
        if (umask == null) {
            return NativeLibc.umask(mask);
        }
        try {
            return (int) umask.handle().invokeExact(mask);
        } catch (Throwable t) {
            throw umask.failed(t);
        }
    }
}
