package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.IdentClient;
import dev.jwrap.core.testing.MapHostResolver;
import dev.jwrap.core.testing.MapUserDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwrap match} and {@code jwrap check} parsed without picocli answer exactly as through
 * picocli: every line the plain parser takes is also run through the picocli command tree, and
 * output, errors and exit status must be the same; lines it must leave to picocli are listed too.
 */
class PlainToolArgumentsTest {

    @TempDir
    Path dir;

    private final Supplier<LookupServices> services = () -> new LookupServices(
            MapHostResolver.of("192.0.2.1 good.example.test", "192.0.2.7 other.example.test"),
            IdentClient.NONE, MapUserDatabase.debian());

    @BeforeEach
    void tables() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), """
                in.telnetd: 192.0.2.1, .example.test EXCEPT other.example.test
                sshd: 10.0.0.0/255.0.0.0 : banners /nonexistent
                ALL: LOCAL
                """);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        Files.writeString(dir.resolve("inetd.conf"), "telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\n");
    }

    /** Output, errors and status of one run. */
    private record Answer(int status, String out, String err) {}

    private Answer plain(String... args) {
        return answer(args, true);
    }

    private Answer picocli(String... args) {
        return answer(args, false);
    }

    private Answer answer(String[] args, boolean plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        int status = plain
                ? Jwrap.run(dir, o, e, services, args)
                : Jwrap.commandLine(new CliContext(dir, o, e, services)).execute(args);
        return new Answer(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    private boolean takenPlain(String... args) {
        return PlainToolArguments.parse(new CliContext(dir, System.out, System.err, services), args) != null;
    }

    @Test
    void plainLines_answerAsPicocliDoes() {
        List<String[]> lines = List.of(
                new String[] {"match", "-d", "in.telnetd", "192.0.2.1"},
                new String[] {"match", "-d", "in.telnetd", "other.example.test"},
                new String[] {"match", "-d", "-d", "sshd", "10.1.2.3"},
                new String[] {"match", "-d", "--explain", "in.telnetd", "good.example.test"},
                new String[] {"match", "-d", "--json", "sshd", "user@10.1.2.3"},
                new String[] {"match", "in.telnetd", "-d", "192.0.2.1", "--explain"},
                new String[] {"match", "-d", "-i", "inetd.conf", "in.telnetd@192.0.2.9", "192.0.2.1"},
                new String[] {"match", "-d", "-i", "missing.conf", "in.telnetd", "192.0.2.1"},
                new String[] {"check", "-d"},
                new String[] {"check", "-d", "-v"},
                new String[] {"check", "-d", "-a", "-i", "inetd.conf"},
                new String[] {"check", "-d", "-l"},
                new String[] {"check", "-d", "--lint", "-v"},
                new String[] {"check", "-d", "--json"},
                new String[] {"check", "-d", "-i", "missing.conf"});
        for (String[] line : lines) {
            assertThat(takenPlain(line)).as(String.join(" ", line)).isTrue();
            assertThat(plain(line)).as(String.join(" ", line)).isEqualTo(picocli(line));
        }
    }

    @Test
    void linesPicocliMustParse_areLeftToIt() {
        List<String[]> lines = List.of(
                new String[] {"match"},
                new String[] {"match", "in.telnetd"},
                new String[] {"match", "in.telnetd", "192.0.2.1", "extra"},
                new String[] {"match", "-dv", "in.telnetd", "192.0.2.1"},
                new String[] {"match", "-x", "in.telnetd", "192.0.2.1"},
                new String[] {"match", "--help"},
                new String[] {"match", "-V"},
                new String[] {"match", "-i"},
                new String[] {"match", "-i", "-d", "in.telnetd", "192.0.2.1"},
                new String[] {"match", "-iinetd.conf", "in.telnetd", "192.0.2.1"},
                new String[] {"match", "--", "in.telnetd", "192.0.2.1"},
                new String[] {"match", "@args", "192.0.2.1"},
                new String[] {"match", "", "192.0.2.1"},
                new String[] {"check", "-dv"},
                new String[] {"check", "extra"},
                new String[] {"check", "-h"},
                new String[] {"check", "-i"},
                new String[] {"inetd", "-d"},
                new String[] {"-h", "match"},
                new String[] {});
        for (String[] line : lines) {
            assertThat(takenPlain(line)).as(String.join(" ", line)).isFalse();
        }
    }

    @Test
    void leftToPicocli_stillGetsPicocliAnswers() {
        Answer unknown = plain("match", "-x", "in.telnetd", "192.0.2.1");
        assertThat(unknown.status()).isEqualTo(Jwrap.USAGE_MATCH);
        assertThat(unknown.err()).startsWith("match: Unknown option: '-x'");
        assertThat(plain("check", "-dv")).isEqualTo(picocli("check", "-d", "-v"));
    }
}
