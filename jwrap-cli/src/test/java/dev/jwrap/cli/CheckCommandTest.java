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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code jwrap check} end to end, on tables in a temporary directory ({@code -d}) and an empty inetd.conf. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void emptyInetdConf() throws IOException {
        Files.writeString(dir.resolve("inetd.conf"), "# nothing from inetd\n");
    }

    private int check(String allow, String deny, String... args) throws IOException {
        if (allow != null) {
            Files.writeString(dir.resolve("hosts.allow"), allow);
        }
        if (deny != null) {
            Files.writeString(dir.resolve("hosts.deny"), deny);
        }
        String[] argv = new String[args.length + 1];
        argv[0] = "check";
        System.arraycopy(args, 0, argv, 1, args.length);
        LookupServices services = new LookupServices(
                MapHostResolver.of("192.0.2.1 good.example.test"), IdentClient.NONE, MapUserDatabase.debian());
        return Jwrap.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> services, argv);
    }

    private String out() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private String err() {
        return err.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void cleanPolicy_verbose_printsTcpdchksListingAndExitsZero() throws IOException {
        int status = check("sshd: 192.0.2.0/24\n", "ALL: ALL\n", "-d", "-v", "-i", "inetd.conf");

        assertThat(status).isZero();
        assertThat(out()).isEqualTo("""
                Using network configuration file: inetd.conf

                >>> Rule hosts.allow line 1:
                daemons:  sshd
                clients:  192.0.2.0/24
                access:   granted

                >>> Rule hosts.deny line 1:
                daemons:  ALL
                clients:  ALL
                access:   denied
                """);
        assertThat(err()).isEmpty();
    }

    @Test
    void findings_goToStderr_tcpdchksInSyslogWordsThenJwrapsInCompilerStyle() throws IOException {
        int status = check("sshd: 192.0.2.0/24\nsshd: foo.invalid, 192.0.2.5\n", "ALL: ALL\n", "-d", "-i", "inetd.conf");

        assertThat(status).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("""
                warning: hosts.allow, line 2: foo.invalid: host not found
                warning: hosts.allow, line 2: host address 192.0.2.5->name lookup failed
                """);
    }

    @Test
    void shadowedRule_isReportedWithTheRuleThatHidesIt() throws IOException {
        int status = check("sshd: 192.0.2.0/24\nsshd: 192.0.2.1\n", "ALL: ALL\n", "-d", "-i", "inetd.conf");

        assertThat(status).isEqualTo(1);
        assertThat(err()).isEqualTo("hosts.allow:2: warning: rule can never take effect: hosts.allow line 1"
                + " (sshd: 192.0.2.0/24) already decides every request it matches [shadowed-rule]\n");
    }

    @Test
    void lint_listsEveryFindingOnStdout() throws IOException {
        int status = check("sshd: foo.invalid\nin.ftpd: ALL\n", "ALL: ::1\n", "-d", "-l", "-a", "-i", "inetd.conf");

        assertThat(status).isEqualTo(1);
        assertThat(err()).isEmpty();
        assertThat(out()).isEqualTo("""
                hosts.allow:1: warning: foo.invalid: host not found [unresolvable-name]
                hosts.allow:1: warning: implicit "allow" at end of rule [implicit-allow]
                hosts.allow:2: warning: in.ftpd: no such process name in inetd.conf [unknown-daemon]
                hosts.allow:2: warning: implicit "allow" at end of rule [implicit-allow]
                hosts.allow:2: note: allows every client to use in.ftpd [broad-allow]
                hosts.deny:1: warning: client list is empty or ends in EXCEPT [empty-list]
                hosts.deny:1: error: missing option name: access is denied [option-error]
                hosts.deny:1: error: IPv6 address ::1 must be written [::1]: tcpd ends the client list at its first colon [unbracketed-ipv6]
                hosts.deny:1: warning: hosts.deny has no final "ALL: ALL": requests that no rule matches are granted [no-default-deny]
                """);
    }

    @Test
    void json_carriesRulesServicesAndFindings() throws IOException {
        Files.writeString(dir.resolve("inetd.conf"), "echo stream tcp nowait root internal\n");

        int status = check("sshd: 192.0.2.0/24\n", "", "-d", "--json", "-i", "inetd.conf");

        assertThat(status).isEqualTo(1);
        assertThat(err()).isEmpty();
        JsonNode root = JsonMapper.builder().build().readTree(out());
        assertThat(root.get("exitStatus").asInt()).isEqualTo(1);
        assertThat(root.get("inetConf").asString()).isEqualTo("inetd.conf");
        assertThat(root.get("rules").get(0).get("clients").get(0).asString()).isEqualTo("192.0.2.0/24");
        assertThat(root.get("rules").get(0).get("access").asString()).isEqualTo("granted");
        assertThat(root.get("findings").get(0).get("code").asString()).isEqualTo("no-default-deny");
        assertThat(root.get("findings").get(0).get("severity").asString()).isEqualTo("warning");
    }

    @Test
    void bannerForTheMadeUpDaemon_goesToStdoutAsTcpdchksDoes() throws IOException {
        Path banners = Files.createDirectory(dir.resolve("banners"));
        Files.writeString(banners.resolve("daemon_name"), "banner for %d from %a\n");

        int status = check("ALL: ALL: banners " + banners + "\n", "", "-d", "-i", "inetd.conf");

        assertThat(status).isEqualTo(1);
        assertThat(out()).isEqualTo("banner for daemon_name from client_addr\r\n");
    }

    @Test
    void unreadableInetConf_exitsTwo() throws IOException {
        int status = check("sshd: ALL\n", "ALL: ALL\n", "-d", "-i", "nope.conf");

        assertThat(status).isEqualTo(2);
        assertThat(err()).isEqualTo("open nope.conf: No such file or directory\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void unreadableTable_exitsTwo() throws IOException {
        Files.createSymbolicLink(dir.resolve("hosts.allow"), dir.resolve("hosts.allow"));

        int status = check(null, "ALL: ALL\n", "-d", "-i", "inetd.conf");

        assertThat(status).isEqualTo(2);
        assertThat(err()).startsWith("warning: cannot open hosts.allow: Too many levels of symbolic links\n");
    }

    @Test
    void badCommandLine_exitsTwoWithUsage() throws IOException {
        assertThat(check("", "", "-x")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '-x'").contains("Usage: jwrap check");

        err.reset();
        assertThat(check("", "", "-d", "operand")).isEqualTo(2);
        assertThat(err()).contains("Usage: jwrap check");
    }
}
