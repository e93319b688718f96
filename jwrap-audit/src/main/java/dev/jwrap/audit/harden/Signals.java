package dev.jwrap.audit.harden;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Sends SIGHUP with libc's {@code kill(2)} through the FFM API: the JDK can only terminate
 * processes, and a super-server rereads its configuration on SIGHUP. Stateless.
 */
final class Signals {

    private static final int SIGHUP = 1;
    private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private Signals() {}

    /** Whether the signal was delivered (false: the process is gone or not ours to signal). */
    static boolean hangUp(int pid) {
        try {
            return (int) KILL.invokeExact(pid, SIGHUP) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("kill(2) failed", t);
        }
    }
}
