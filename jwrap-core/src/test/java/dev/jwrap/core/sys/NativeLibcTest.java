package dev.jwrap.core.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** libjwrap.so is found where the build and the package put it, and answers. */
class NativeLibcTest {

    @Test
    void theBuildsLibraryIsLoaded() {
        // jwrap-core's compile phase builds target/libjwrap.so; the test class path has target/classes
        assertThat(NativeLibc.available()).isTrue();
    }

    @Test
    void isLookedForNextToEachClassPathEntry() {
        String classPath = String.join(File.pathSeparator, "/usr/lib/jwrap/jwrap.jar", "/src/jwrap-core/target/classes");
        assertThat(NativeLibc.candidates(null, classPath))
                .containsExactly(new File("/usr/lib/jwrap/libjwrap.so"), new File("/src/jwrap-core/target/libjwrap.so"));
    }

    @Test
    void thePropertyNamesTheLibraryOrTurnsItOff() {
        assertThat(NativeLibc.candidates("/opt/x/libjwrap.so", "/a/jwrap.jar")).containsExactly(new File("/opt/x/libjwrap.so"));
        assertThat(NativeLibc.candidates("none", "/a/jwrap.jar")).isEmpty();
        assertThat(NativeLibc.candidates("", "/a/jwrap.jar")).isEmpty();
    }

    @Test
    void errorNumbersReadAsTheCLibraryWritesThem() {
        assertThat(NativeLibc.describe(2)).isEqualTo("No such file or directory");
        assertThat(NativeLibc.describe(111)).isEqualTo("Connection refused");
        assertThat(NativeLibc.describe(99999)).isEqualTo("Unknown error 99999");
    }

    @Test
    void failedCallsReturnMinusErrno() {
        // EBADF (9) for a descriptor that cannot be open
        assertThat(NativeLibc.close(-1)).isEqualTo(-9);
        assertThat(NativeLibc.socketName(-1, true, new byte[128])).isEqualTo(-9);
        assertThat(NativeLibc.dup2(-1, 0)).isEqualTo(-9);
        assertThat(NativeLibc.getBytesOption(-1, 0, 4, new byte[40])).isEqualTo(-9);
        assertThat(NativeLibc.setBytesOption(-1, 0, 4, null)).isEqualTo(-9);
        assertThat(NativeLibc.shutdown(-1, 2)).isEqualTo(-9);
    }

    @Test
    void byteOptionsGoInAndComeBack() {
        // IPPROTO_IP (0), IP_OPTIONS (4) of a fresh IPv4 TCP socket read back as set: a record-route option
        int fd = NativeLibc.socket(2, 1, 0);
        try {
            byte[] recordRoute = {7, 7, 4, 0, 0, 0, 0, 0};
            assertThat(NativeLibc.setBytesOption(fd, 0, 4, recordRoute)).isZero();
            byte[] room = new byte[40];
            assertThat(NativeLibc.getBytesOption(fd, 0, 4, room)).isEqualTo(8);
            assertThat(room).startsWith(recordRoute);
            byte[] small = new byte[3];
            assertThat(NativeLibc.getBytesOption(fd, 0, 4, small)).as("what fitted").isEqualTo(3);
            assertThat(small).containsExactly(7, 7, 4);
            assertThat(NativeLibc.setBytesOption(fd, 0, 4, null)).isZero();
            assertThat(NativeLibc.getBytesOption(fd, 0, 4, room)).as("cleared").isZero();
            assertThat(NativeLibc.setBytesOption(fd, 0, 4, new byte[41])).as("too long: EINVAL").isEqualTo(-22);
            assertThat(NativeLibc.shutdown(fd, 2)).as("not connected: ENOTCONN").isEqualTo(-107);
        } finally {
            NativeLibc.close(fd);
        }
    }

    @Test
    void localTimeIsTheOneJavaTimeFindsInTheSameZone() {
        int[] fields = new int[5];
        for (long second : new long[] {0L, 1_793_688_019L, 1_774_747_800L}) {
            assertThat(NativeLibc.localTime(second, fields)).isZero();
            ZonedDateTime local = Instant.ofEpochSecond(second).atZone(ZoneId.systemDefault());
            assertThat(fields).as("epoch second " + second).containsExactly(local.getMonthValue() - 1,
                    local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond());
        }
    }
}
