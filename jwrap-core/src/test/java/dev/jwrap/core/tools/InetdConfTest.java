package dev.jwrap.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.testing.MapPathProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InetdConfTest {

    @TempDir
    Path dir;

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** /usr/sbin/tcpd and a few programs exist; /tmp is world-writable; "notexec" is not executable. */
    private final MapPathProbe probe = new MapPathProbe()
            .dir("/", 0755).dir("/usr", 0755).dir("/usr/sbin", 0755).dir("/bin", 0755).dir("/tmp", 01777)
            .dir("/tmp/t5", 0755)
            .file("/usr/sbin/tcpd", 0755).file("/usr/sbin/in.ftpd", 0755).file("/usr/sbin/wrapped", 0755)
            .file("/bin/ls", 0755).file("/bin/true", 0755).file("/tmp/t5/notexec", 0644)
            .file("/usr/sbin/suid", 04755).file("/usr/sbin/plain", 0644);

    private final ToolEnvironment env = new ToolEnvironment(probe, "/etc/inetd.conf", "/usr/sbin");

    private List<InetdConf.Entry> parse(String text) {
        ToolContext context = new ToolContext(diagnostics::add);
        return new InetdConf(env, dir, context).parse("inetd.conf", text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private List<String> messages() {
        return diagnostics.stream().map(Diagnostic::toSyslogText).toList();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd        | in.telnetd | WRAPPED     | in.telnetd: not found in /usr/sbin: No such file or directory
            ftp    stream tcp nowait root /usr/sbin/tcpd in.ftpd           | in.ftpd    | WRAPPED     |
            ftp    stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.ftpd | in.ftpd    | WRAPPED     |
            x      stream tcp nowait root /usr/sbin/tcpd /usr/sbin/tcpd    | tcpd       | WRAPPED     | tcpd is recursively calling itself
            x      stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.ftpd in.ftpd | in.ftpd | WRAPPED | /usr/sbin/tcpd inserted before /usr/sbin/in.ftpd
            rpc    stream rpc/tcp wait root /usr/sbin/tcpd in.ftpd         | in.ftpd    | WRAPPED     | in.ftpd: cannot wrap rpc/tcp services
            rpc    stream RPC/TCP wait root /usr/sbin/tcpd in.ftpd         | in.ftpd    | WRAPPED     | in.ftpd: cannot wrap rpc/tcp services
            rexd   stream tcp nowait root /usr/sbin/tcpd rpc.rexd          | rpc.rexd   | WRAPPED     | rpc.rexd may be an insecure service;rpc.rexd: not found in /usr/sbin: No such file or directory
            finger stream tcp nowait nobody /usr/sbin/in.fingerd in.fingerd | in.fingerd | NOT_WRAPPED | /usr/sbin/in.fingerd: not found: No such file or directory
            talk   dgram  udp wait root /usr/bin/talkd talkd               | talkd      | NOT_WRAPPED | /usr/bin/talkd: not found: No such file or directory
            ls     stream tcp nowait root /bin/ls wrapped                  | wrapped    | MAYBE       |
            misc   stream tcp nowait root /usr/sbin/miscd /x/miscthing     | /x/miscthing | WRAPPED   | /usr/sbin/miscd: not found: No such file or directory
            opt    stream tcp nowait root ?/usr/sbin/tcpd in.ftpd          | in.ftpd    | WRAPPED     |
            svc/1  stream rpc/tcp wait root 1-2 /bin/true rpcsvc           | rpcsvc     | NOT_WRAPPED |
            tli    stream tcp nowait root /bin/true 3 tliarg x             | tliarg     | NOT_WRAPPED |
            stream tcp nowait root /bin/true streamfirst                   | streamfirst | NOT_WRAPPED |
            u      stream tcp nowait /usr/sbin/tcpd in.ftpd                | in.ftpd    | WRAPPED     |
            s      stream tcp nowait root /usr/sbin/suid suid              | suid       | NOT_WRAPPED |
            t      stream tcp nowait root /usr/sbin/tcpd plain             | plain      | WRAPPED     | /usr/sbin/plain: not executable
            n      stream tcp nowait root /tmp/t5/notexec notex            | notex      | NOT_WRAPPED | /tmp: world writable;/tmp/t5/notexec: not executable
            """)
    void entry_isClassifiedAndCriticisedLikeDebian(String line, String process, InetdConf.Wrapping wrapping, String warnings) {
        List<InetdConf.Entry> entries = parse(line + "\n");

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.processName()).isEqualTo(process);
            assertThat(e.wrapping()).isEqualTo(wrapping);
        });
        List<String> expected = warnings == null ? List.of()
                : Arrays.stream(warnings.split(";")).map(w -> "warning: inetd.conf, line 1: " + w).toList();
        assertThat(messages()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            '# telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd'
            '   '
            echo stream tcp nowait root internal
            echo stream tcp nowait root INTERNAL
            short stream tcp
            svc/1 stream rpc/tcp wait root 1-2
            """)
    void lineWithoutService_isSkippedSilently(String line) {
        assertThat(parse(line + "\n")).isEmpty();
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void missingProgramName_isAnIncompleteLine() {
        assertThat(parse("a stream tcp nowait root /usr/sbin/tcpd\nb stream tcp nowait root /bin/true 3\n")).isEmpty();

        assertThat(messages()).containsExactly(
                "warning: inetd.conf, line 1: incomplete line", "warning: inetd.conf, line 2: incomplete line");
    }

    @Test
    void continuationLines_reportTheLastPhysicalLine() {
        List<InetdConf.Entry> entries = parse("\nbar stream tcp nowait root \\\n /tmp/t5/notexec notex\n");

        assertThat(entries).singleElement().extracting(InetdConf.Entry::line).isEqualTo(3);
        assertThat(messages()).contains("warning: inetd.conf, line 3: /tmp/t5/notexec: not executable");
    }

    @Test
    void setUidTcpd_isReported() {
        probe.file("/usr/sbin/tcpd", 04755);

        parse("f stream tcp nowait root /usr/sbin/tcpd in.ftpd\n");

        assertThat(messages()).containsExactly("warning: inetd.conf, line 1: /usr/sbin/tcpd: file is set-uid or set-gid");
    }

    @Test
    void daemonThatCannotBeLookedUp_isMaybeWrapped() {
        probe.error("/usr/sbin/locked", "Permission denied");

        List<InetdConf.Entry> entries = parse("f stream tcp nowait root /bin/true locked\n");

        assertThat(entries.getFirst().wrapping()).isEqualTo(InetdConf.Wrapping.MAYBE);
        assertThat(messages()).containsExactly("warning: inetd.conf, line 1: /usr/sbin/locked: file lookup: Permission denied");
    }

    @Test
    void explicitFileThatCannotBeOpened_isFatal() {
        InetdConf.Loaded loaded = new InetdConf(env, dir, new ToolContext(diagnostics::add)).load("nope.conf");

        assertThat(loaded.openError()).isEqualTo("open nope.conf: No such file or directory");
    }

    @Test
    void missingDefaultFile_isNoFileAtAll() {
        ToolEnvironment missing = new ToolEnvironment(probe, dir.resolve("absent").toString(), "/usr/sbin");

        InetdConf.Loaded loaded = new InetdConf(missing, dir, new ToolContext(diagnostics::add)).load(null);

        assertThat(loaded.openError()).isNull();
        assertThat(loaded.displayName()).isEqualTo("(null)");
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void defaultFile_isReadAndItsPathChecked() throws IOException {
        Path conf = dir.resolve("inetd.conf");
        Files.writeString(conf, "ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd\n");
        probe.file(conf.toString(), 0666);
        ToolEnvironment withConf = new ToolEnvironment(probe, conf.toString(), "/usr/sbin");

        InetdConf.Loaded loaded = new InetdConf(withConf, dir, new ToolContext(diagnostics::add)).load(null);

        assertThat(loaded.name()).isEqualTo(conf.toString());
        assertThat(loaded.entries()).extracting(InetdConf.Entry::processName).containsExactly("in.ftpd");
        // checked before the file is read: no location
        assertThat(messages()).containsExactly("warning: " + conf + ": world writable");
    }
}
