package dev.jwrap.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.resolve.IdentClient;
import dev.jwrap.core.testing.MapHostResolver;
import dev.jwrap.core.testing.MapPathProbe;
import dev.jwrap.core.testing.MapUserDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What tcpdmatch says about inetd.conf and the tables' paths (recorded from Debian's tcpdmatch). */
class TcpdMatchInetdTest {

    @TempDir
    Path dir;

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final MapPathProbe probe = new MapPathProbe()
            .dir("/usr/sbin", 0755).file("/usr/sbin/tcpd", 0755).file("/usr/sbin/in.ftpd", 0755);

    @BeforeEach
    void tables() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "ALL: ALL\n");
        Files.writeString(dir.resolve("inetd.conf"), """
                ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd
                finger stream tcp nowait nobody /usr/sbin/in.fingerd in.fingerd
                """);
    }

    private TcpdMatch.Result match(String inetConf, String daemon, String client) {
        ToolEnvironment env = new ToolEnvironment(probe, dir.resolve("absent.conf").toString(), "/usr/sbin");
        LookupServices services = new LookupServices(MapHostResolver.of(), IdentClient.NONE, MapUserDatabase.debian());
        return new TcpdMatch(services, diagnostics::add, new DryRunIdentity(0, 0), env)
                .run(new TcpdMatch.Invocation(true, inetConf, daemon, client, dir));
    }

    private List<String> warnings() {
        return diagnostics.stream().filter(d -> d.severity() != Diagnostic.Severity.DEBUG).map(Diagnostic::toSyslogText).toList();
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            sshd       | -          | warning: sshd: no such process name in (null)
            portmap    | -          | warning: portmap: service possibly not wrapped
            rpcbind    | -          | warning: rpcbind: service possibly not wrapped
            sshd       | inetd.conf | warning: sshd: no such process name in inetd.conf
            in.ftpd    | inetd.conf | -
            IN.FTPD    | inetd.conf | -
            in.fingerd | inetd.conf | warning: in.fingerd: service possibly not wrapped
            """)
    void daemon_isLookedUpInInetdConf(String daemon, String inetConf, String expected) {
        TcpdMatch.Result r = match(inetConf, daemon, "192.0.2.1");

        assertThat(r.exitStatus()).isZero();
        List<String> inetdConfWarnings = inetConf == null ? List.of()
                : List.of("warning: inetd.conf, line 2: /usr/sbin/in.fingerd: not found: No such file or directory");
        List<String> all = new ArrayList<>(inetdConfWarnings);
        if (expected != null) {
            all.add(expected);
        }
        assertThat(warnings()).isEqualTo(all);
    }

    @Test
    void messagesComeAfterNormalisationAndBeforeTheTablePaths() {
        probe.file(dir.resolve("hosts.deny").toString(), 0666);

        TcpdMatch.Result r = match(null, "/x/a2", "nosuch.example.test");

        assertThat(r.exitStatus()).isEqualTo(1);
        assertThat(warnings()).containsExactly(
                "warning: /x/a2: daemon name normalized to: a2",
                "warning: a2: no such process name in (null)",
                "warning: hosts.deny: world writable",
                "warning: nosuch.example.test: host not found");
    }

    @Test
    void unreadableInetConf_endsTheRun() {
        TcpdMatch.Result r = match("nope", "sshd", "192.0.2.1");

        assertThat(r.exitStatus()).isEqualTo(1);
        assertThat(r.error()).isEqualTo("open nope: No such file or directory");
        assertThat(r.text()).isEmpty();
    }
}
