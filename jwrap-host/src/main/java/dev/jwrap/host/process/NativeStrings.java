package dev.jwrap.host.process;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** File names, arguments and environment strings as C receives them: in the JVM's file-name charset. Stateless. */
final class NativeStrings {

    /** The charset the JVM uses for file names and arguments. */
    static final Charset CHARSET = Charset.forName(
            System.getProperty("sun.jnu.encoding", "UTF-8"), StandardCharsets.UTF_8);

    private NativeStrings() {}

    /** The bytes of {@code s}, without a terminating NUL. */
    static byte[] bytes(String s) {
        return s.getBytes(CHARSET);
    }

    /** The bytes of each string (argv, envp). */
    static byte[][] bytes(List<String> strings) {
        byte[][] array = new byte[strings.size()][];
        for (int i = 0; i < array.length; i++) {
            array[i] = bytes(strings.get(i));
        }
        return array;
    }
}
