package dev.jwrap.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The C string conversions of the glibc binding. */
class LibcTest {

    @Test
    void cString_isLatin1ByteForByte_orNullWhenCCannotSeeIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = Libc.cString(arena, "caf\u00e9");
            assertThat(s.toArray(ValueLayout.JAVA_BYTE)).containsExactly('c', 'a', 'f', 0xe9, 0);
            assertThat(Libc.string(s)).isEqualTo("caf\u00e9");
            assertThat(Libc.cString(arena, "a\0b")).isNull();
            assertThat(Libc.cString(arena, "\u0151")).isNull();
            assertThat(Libc.string(MemorySegment.NULL)).isNull();
            assertThat(new String(Libc.cString(arena, "").toArray(ValueLayout.JAVA_BYTE), StandardCharsets.ISO_8859_1))
                    .isEqualTo("\0");
        }
    }
}
