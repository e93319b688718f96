package dev.jwrap.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwrap.core.resolve.UserDatabase.Group;
import dev.jwrap.core.resolve.UserDatabase.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against the real C library: root, missing names, and every entry of /etc/passwd and /etc/group. */
class SystemUserDatabaseTest {

    private final SystemUserDatabase users = new SystemUserDatabase();

    @Test
    void user_root() {
        assertThat(users.user("root")).contains(new User("root", 0, 0, "/root"));
    }

    @Test
    void group_root() {
        Group root = users.group("root").orElseThrow();
        assertThat(root.name()).isEqualTo("root");
        assertThat(root.gid()).isZero();
    }

    @Test
    void missingNames_areEmpty() {
        assertThat(users.user("jwrap-no-such-user")).isEmpty();
        assertThat(users.group("jwrap-no-such-group")).isEmpty();
        assertThat(users.user("")).isEmpty();
    }

    @Test
    void namesTheCLibraryCannotBeGiven_areEmpty() {
        assertThat(users.user("root\0x")).isEmpty();
        assertThat(users.group("root\0")).isEmpty();
        assertThat(users.user("r\u0151ot")).isEmpty();
    }

    @Test
    void tinyBuffer_growsOnErange() {
        SystemUserDatabase tiny = new SystemUserDatabase(new Libc(), 1);
        assertThat(tiny.user("root")).isEqualTo(users.user("root"));
        assertThat(tiny.group("root")).isEqualTo(users.group("root"));
    }

    @Test
    void constructor_rejectsEmptyBuffer() {
        assertThatThrownBy(() -> new SystemUserDatabase(new Libc(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** First entry per name, as the "files" source answers; nsswitch lists files first on our machines. */
    static Stream<List<String>> passwdEntries() throws IOException {
        return firstPerName(Path.of("/etc/passwd"));
    }

    static Stream<List<String>> groupEntries() throws IOException {
        return firstPerName(Path.of("/etc/group"));
    }

    private static Stream<List<String>> firstPerName(Path file) throws IOException {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("+") && !line.startsWith("-")) {
                List<String> fields = Arrays.asList(line.split(":", -1));
                entries.putIfAbsent(fields.getFirst(), fields);
            }
        }
        return entries.values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passwdEntries")
    void user_agreesWithEtcPasswd(List<String> fields) {
        User expected = new User(fields.get(0), Integer.parseUnsignedInt(fields.get(2)),
                Integer.parseUnsignedInt(fields.get(3)), fields.get(5));
        assertThat(users.user(fields.get(0))).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupEntries")
    void group_agreesWithEtcGroup(List<String> fields) {
        List<String> members = fields.get(3).isEmpty() ? List.of() : List.of(fields.get(3).split(","));
        Group expected = new Group(fields.get(0), Integer.parseUnsignedInt(fields.get(2)), members);
        assertThat(users.group(fields.get(0))).contains(expected);
    }
}
