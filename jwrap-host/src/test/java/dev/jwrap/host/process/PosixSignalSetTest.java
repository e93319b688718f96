package dev.jwrap.host.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

/**
 * {@link Posix#emptySignalSet} is the set the C library's sigemptyset(3) makes: sigismember(3)
 * finds no signal in either, for every signal number the kernel has (glibc clears only those
 * words, so the sets are compared signal by signal, not byte by byte).
 */
class PosixSignalSetTest {

    /** Linux's signal numbers run from 1 to _NSIG - 1 = 64. */
    private static final int NSIG = 65;

    @Test
    @SuppressWarnings("restricted")
    void emptySignalSet_holdsNoSignal_likeSigemptysetsSet() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle sigemptyset = linker.downcallHandle(linker.defaultLookup().find("sigemptyset").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MethodHandle sigismember = linker.downcallHandle(linker.defaultLookup().find("sigismember").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment byC = Posix.opaque(arena, Posix.SIGSET_SIZE).fill((byte) 0xff);
            assertThat((int) sigemptyset.invokeExact(byC)).isZero();
            MemorySegment ours = Posix.emptySignalSet(arena);
            for (int signal = 1; signal < NSIG; signal++) {
                int inC = (int) sigismember.invokeExact(byC, signal);
                int inOurs = (int) sigismember.invokeExact(ours, signal);
                assertThat(inOurs).as("signal %d", signal).isEqualTo(inC).isZero();
            }
            // and a full set is not empty: the comparison can tell the two apart
            MemorySegment full = Posix.opaque(arena, Posix.SIGSET_SIZE).fill((byte) 0xff);
            assertThat((int) sigismember.invokeExact(full, 9)).isEqualTo(1);
        }
    }
}
