package dev.jwrap.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.resolve.IdentClient;
import dev.jwrap.core.testing.MapHostResolver;
import dev.jwrap.core.testing.MapPathProbe;
import dev.jwrap.core.testing.MapUserDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected texts were recorded from Debian 12's tcpdchk (7.6.q-32) with its syslog calls
 * captured, in a namespace whose /etc/hosts holds the lines of {@link #HOSTS}.
 */
class TcpdChkTest {

    static final String[] HOSTS = {
        "127.0.0.1 localhost",
        "192.0.2.1 good.example.test good",
        "192.0.2.2 multi.example.test",
        "192.0.2.3 multi.example.test",
        "192.0.2.10 canon.example.test alias.example.test",
        "2001:db8::5 six.example.test",
        "192.0.2.20 Upper.Example.Test",
    };

    @TempDir
    Path dir;

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final MapHostResolver resolver = MapHostResolver.of(HOSTS).netgroup("grp1", "good.example.test").netgroup("empty");
    private final MapPathProbe probe = new MapPathProbe().dir("/", 0755).dir("/usr", 0755).dir("/usr/sbin", 0755);
    private DryRunIdentity identity = new DryRunIdentity(0, 0);

    private TcpdChk.Result run(String allow, String deny, boolean a, boolean v) {
        return run(allow, deny, a, v, null);
    }

    private TcpdChk.Result run(String allow, String deny, boolean a, boolean v, String inetConf) {
        write("hosts.allow", allow);
        write("hosts.deny", deny);
        ToolEnvironment env = new ToolEnvironment(probe, dir.resolve("no-inetd.conf").toString(), "/usr/sbin");
        LookupServices services = new LookupServices(resolver, IdentClient.NONE, MapUserDatabase.debian());
        return new TcpdChk(services, diagnostics::add, env, identity).run(TcpdChk.Invocation.of(a, true, inetConf, v, dir));
    }

    private void write(String name, String text) {
        if (text != null) {
            try {
                Files.write(dir.resolve(name), text.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private List<String> messages() {
        return diagnostics.stream().map(Diagnostic::toSyslogText).toList();
    }

    @Test
    void verboseListing_isByteForByteDebians() {
        TcpdChk.Result r = run("ALL: ALL\nsshd in.telnetd: 192.0.2.99, foo.invalid : spawn echo %d : allow\nbad line\n",
                "ALL: ::1\n", true, true);

        assertThat(r.text()).isEqualTo("""
                Using network configuration file: (null)

                >>> Rule hosts.allow line 1:
                daemons:  ALL
                clients:  ALL
                access:   granted

                >>> Rule hosts.allow line 2:
                daemons:  sshd in.telnetd
                clients:  192.0.2.99 foo.invalid
                access:   granted

                >>> Rule hosts.deny line 1:
                daemons:  ALL
                clients:  \

                access:   denied
                """);
        assertThat(messages()).containsExactly(
                "warning: hosts.allow, line 1: implicit \"allow\" at end of rule",
                "warning: hosts.allow, line 2: in.telnetd: no such process name in (null)",
                "warning: hosts.allow, line 2: host address 192.0.2.99->name lookup failed",
                "warning: hosts.allow, line 2: foo.invalid: host not found",
                "option:   spawn echo daemon_name",
                "option:   allow ",
                "warning: hosts.allow, line 3: missing \":\" separator",
                "warning: hosts.deny, line 1: client list is empty or ends in EXCEPT",
                "error: hosts.deny, line 1: missing option name");
        assertThat(r.exitStatus()).isZero();
        assertThat(r.rules()).hasSize(3);
    }

    @Test
    void withoutVerbose_stdoutIsEmptyAndNoOptionLines() {
        TcpdChk.Result r = run("sshd: ALL: spawn echo hi\n", "", false, false);

        assertThat(r.text()).isEmpty();
        assertThat(messages()).isEmpty();
    }

    @Test
    void hostPatterns_areCheckedAndLookedUp() {
        run("""
                sshd: good.example.test good multi.example.test alias.example.test 192.0.2.1 192.0.2.99 192.0.2 upper.example.test Upper.Example.Test six.example.test
                sshd@multi.example.test sshd@good: ALL
                ALL: @grp1 @empty @nope .example.test example.test. .1.2 10. 0.0.0.0 255.255.255.255 1.2.3.4.5 [::1] [zz] FAIL KNOWN LOCAL PARANOID UNKNOWN ALL
                ALL: 192.0.2.0/24 192.0.2.0/255.255.255.0 10.0.0.0/33 10.0.0.0/0 [2001:db8::]/64 [2001:db8::]/129 1.2.3/8 a/b 192.0.2.0/24junk [::1]/abc
                """, "", false, false);

        assertThat(messages()).containsExactly(
                "warning: hosts.allow, line 1: good: hostname alias",
                "warning: hosts.allow, line 1: (official name: good.example.test)",
                "warning: hosts.allow, line 1: alias.example.test: hostname alias",
                "warning: hosts.allow, line 1: (official name: canon.example.test)",
                "warning: hosts.allow, line 1: host address 192.0.2.99->name lookup failed",
                "warning: hosts.allow, line 1: host address 192.0.0.2->name lookup failed",
                "warning: hosts.allow, line 2: host multi.example.test has more than one address",
                "warning: hosts.allow, line 2: (consider using an address instead)",
                "warning: hosts.allow, line 2: good: hostname alias",
                "warning: hosts.allow, line 2: (official name: good.example.test)",
                "warning: hosts.allow, line 3: empty: unknown or empty netgroup",
                "warning: hosts.allow, line 3: nope: unknown or empty netgroup",
                "warning: hosts.allow, line 3: example.test.: domain or host name ends in dot",
                "warning: hosts.allow, line 3: .1.2: network number begins with dot",
                "warning: hosts.allow, line 3: 1.2.3.4.5: host not found",
                "warning: hosts.allow, line 3: [zz]: host not found",
                "warning: hosts.allow, line 3: FAIL is no longer recognized",
                "warning: hosts.allow, line 3: (use EXCEPT or DENY instead)",
                "warning: hosts.allow, line 4: 10.0.0.0/33: bad net/mask pattern",
                "warning: hosts.allow, line 4: 10.0.0.0/0: bad net/mask pattern",
                "warning: hosts.allow, line 4: [2001:db8::]/129: bad net/mask pattern",
                "warning: hosts.allow, line 4: 1.2.3/8: bad net/mask pattern",
                "warning: hosts.allow, line 4: a/b: bad net/mask pattern");
    }

    @Test
    void userDaemonAndReservedWords_areCriticised() {
        run("""
                ALL: @grp1@good bob@good.example.test .u@192.0.2.1 u.@192.0.2.1 ALL@192.0.2.1 unknown@192.0.2.1 KNOWN@192.0.2.1 LOCAL@192.0.2.1 PARANOID@192.0.2.1 fail@192.0.2.1
                @d .d d. ALL unknown KNOWN LOCAL PARANOID FAIL Fail except EXCEPT sshd: ALL except
                sshd EXCEPT: ALL
                known local paranoid all Unknown: ALL
                sshd@: bob@ @ @@x
                """, "", false, false);

        assertThat(messages()).containsExactly(
                "warning: hosts.allow, line 1: @grp1: user name begins with \"@\"",
                "warning: hosts.allow, line 1: good: hostname alias",
                "warning: hosts.allow, line 1: (official name: good.example.test)",
                "warning: hosts.allow, line 1: .u: user name begins with dot",
                "warning: hosts.allow, line 1: u.: user name ends in dot",
                "warning: hosts.allow, line 1: LOCAL: user name may be reserved word",
                "warning: hosts.allow, line 1: PARANOID: user name may be reserved word",
                "warning: hosts.allow, line 1: FAIL is no longer recognized",
                "warning: hosts.allow, line 1: (use EXCEPT or DENY instead)",
                "warning: hosts.allow, line 2: @d: daemon name begins with \"@\"",
                "warning: hosts.allow, line 2: .d: daemon name begins with dot",
                "warning: hosts.allow, line 2: d.: daemon name ends in dot",
                "warning: hosts.allow, line 2: KNOWN: daemon name may be reserved word",
                "warning: hosts.allow, line 2: LOCAL: daemon name may be reserved word",
                "warning: hosts.allow, line 2: PARANOID: daemon name may be reserved word",
                "warning: hosts.allow, line 2: FAIL is no longer recognized",
                "warning: hosts.allow, line 2: (use EXCEPT or DENY instead)",
                "warning: hosts.allow, line 2: FAIL is no longer recognized",
                "warning: hosts.allow, line 2: (use EXCEPT or DENY instead)",
                "warning: hosts.allow, line 2: client list is empty or ends in EXCEPT",
                "warning: hosts.allow, line 3: daemon list is empty or ends in EXCEPT",
                "warning: hosts.allow, line 4: known: daemon name may be reserved word",
                "warning: hosts.allow, line 4: local: daemon name may be reserved word",
                "warning: hosts.allow, line 4: paranoid: daemon name may be reserved word",
                "warning: hosts.allow, line 5: : host not found",
                "warning: hosts.allow, line 5: : host not found",
                "warning: hosts.allow, line 5: : unknown or empty netgroup",
                "warning: hosts.allow, line 5: @: user name begins with \"@\"",
                "warning: hosts.allow, line 5: x: host not found");
    }

    @Test
    void crlfTokensAndUnterminatedLine_areReadAsTcpdchkDoes() {
        TcpdChk.Result r = run("sshd : good.example.test\r\nALL: nosuch4.example.test\\\r\nx: y\n", "ALL: ALL\nALL: ALL", false, true);

        assertThat(messages()).containsExactly(
                "warning: hosts.allow, line 1: good.example.test\r: host not found",
                "warning: hosts.allow, line 2: nosuch4.example.test\\\r: host not found",
                "warning: hosts.allow, line 3: x: no such process name in (null)",
                "warning: hosts.allow, line 3: y: host not found",
                "warning: hosts.deny, line 1: missing newline or line too long");
        assertThat(r.text()).contains("clients:  good.example.test\r\naccess:   granted\n")
                .endsWith(">>> Rule hosts.deny line 1:\ndaemons:  ALL\nclients:  ALL\naccess:   denied\n");
    }

    @Test
    void overlongLine_goesOnWithTheRestOfTheLine() {
        String allow = "ALL: " + "a".repeat(2995) + "\n" + "sshd: " + "b".repeat(2041) + ":c.example.test\n" + "sshd: y\n";

        TcpdChk.Result r = run(allow, "", false, true);

        assertThat(messages()).containsExactly(
                "warning: hosts.allow, line 0: missing newline or line too long",
                "warning: hosts.allow, line 1: missing \":\" separator",
                "warning: hosts.allow, line 1: missing newline or line too long",
                "warning: hosts.allow, line 2: daemon list is empty or ends in EXCEPT",
                "warning: hosts.allow, line 2: c.example.test: host not found",
                "warning: hosts.allow, line 3: y: host not found");
        assertThat(r.text()).contains(">>> Rule hosts.allow line 2:\ndaemons:  \nclients:  c.example.test\n");
    }

    @Test
    void patternFile_isCheckedWordByWordWithItsOwnLineNumbers() throws IOException {
        Path words = dir.resolve("words");
        Files.writeString(words, "# comment nosuch1.example.test\nnosuch2.example.test \\\nnosuch3.example.test\r\n"
                + "EXCEPT ALL\n\n\n" + words + " last.example.test");

        run("ALL: " + words + " " + dir.resolve("missing") + "\nALL: nosuch5.example.test\n", "", false, false);

        assertThat(messages()).containsExactly(
                "warning: " + words + ", line 1: #: host not found",
                "warning: " + words + ", line 1: comment: host not found",
                "warning: " + words + ", line 1: nosuch1.example.test: host not found",
                "warning: " + words + ", line 2: nosuch2.example.test: host not found",
                "warning: " + words + ", line 2: \\: host not found",
                "warning: " + words + ", line 3: nosuch3.example.test: host not found",
                "warning: " + words + ", line 4: EXCEPT: host not found",
                "warning: " + words + ", line 7: last.example.test: host not found",
                "warning: hosts.allow, line 2: nosuch5.example.test: host not found");
    }

    @Test
    void options_runDryAgainstTheMadeUpRequest() throws IOException {
        Path banners = Files.createDirectory(dir.resolve("ban"));
        Files.writeString(banners.resolve("daemon_name"), "Hello %d from %h\n");

        TcpdChk.Result r = run("""
                sshd: ALL: spawn echo %d %h %a %u %n %N %A %H %c %s
                sshd: ALL: twist echo hi
                sshd: ALL: deny
                sshd: ALL: allow
                sshd: ALL: bogus
                sshd: ALL: nice 5: keepalive
                sshd: ALL: banners BANNERS
                sshd: ALL: aclexec /bin/false
                sshd: ALL: user nobody.nogroup
                sshd: ALL: spawn %z
                sshd: ALL:
                sshd: ALL: allow: deny
                """.replace("BANNERS", banners.toString()), "sshd: ALL\nsshd: ALL: allow\nsshd: ALL: twist x\n", true, true);

        assertThat(messages()).containsExactly(
                "option:   spawn echo daemon_name client_hostname client_addr user_name client_hostname server_hostname"
                        + " server_addr server_hostname user_name@client_hostname daemon_name@server_hostname",
                "warning: hosts.allow, line 1: implicit \"allow\" at end of rule",
                "option:   twist echo hi",
                "option:   deny ",
                "option:   allow ",
                "error: hosts.allow, line 5: bad option name: \"bogus\"",
                "option:   nice 5",
                "option:   keepalive ",
                "warning: hosts.allow, line 6: implicit \"allow\" at end of rule",
                "option:   banners " + banners,
                "warning: hosts.allow, line 7: implicit \"allow\" at end of rule",
                "option:   aclexec /bin/false",
                "warning: hosts.allow, line 8: implicit \"allow\" at end of rule",
                "option:   user nobody.nogroup",
                "warning: hosts.allow, line 9: implicit \"allow\" at end of rule",
                "warning: hosts.allow, line 10: unrecognized %z",
                "option:   spawn ",
                "warning: hosts.allow, line 10: implicit \"allow\" at end of rule",
                "error: hosts.allow, line 11: missing option name",
                "error: hosts.allow, line 12: option \"allow\" must be at end",
                "option:   allow ",
                "option:   twist x");
        assertThat(r.rules()).extracting(TcpdChk.RuleListing::granted).containsExactly(
                true, true, false, true, false, true, true, true, true, true, false, false,
                false, true, false);
        // the banner is written past stdout's buffer: ahead of all the listing
        assertThat(r.text()).startsWith("Hello daemon_name from client_hostname\r\nUsing network configuration file:");
    }

    @Test
    void rejectedOptionValue_isLoggedBeforeItsError() {
        run("sshd: ALL: umask 028\nsshd: ALL: severity mail\nsshd: ALL: bogus 1\n", "", false, true);

        assertThat(messages()).containsExactly(
                "option:   umask 028",
                "error: hosts.allow, line 1: bad umask value: \"028\"",
                "option:   severity mail",
                "error: hosts.allow, line 2: bad syslog facility or severity: \"mail\"",
                "error: hosts.allow, line 3: bad option name: \"bogus\"");
    }

    @Test
    void userOption_whenNotRoot_failsAsDebiansDoes() {
        identity = new DryRunIdentity(1000, 1000);

        run("sshd: ALL: user nobody.nogroup\n", "", false, false);

        assertThat(messages()).containsExactly("error: hosts.allow, line 1: setgid(nogroup): Operation not permitted");
    }

    @Test
    void expansionTooLong_endsTheRunThere() {
        TcpdChk.Result r = run("sshd: ALL: spawn " + "%d".repeat(750) + "\nsshd: nosuch.example.test\n", "", false, false);

        assertThat(r.complete()).isFalse();
        assertThat(messages()).containsExactly(
                "warning: hosts.allow, line 1: percent_x: expansion too long: daemon_namedaemon_namedaemon_n...");
    }

    @Test
    void daemons_areComparedWithInetdConf() throws IOException {
        probe.file("/usr/sbin/tcpd", 0755);
        Files.writeString(dir.resolve("inetd.conf"), """
                telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/tcpd in.telnetd
                finger stream tcp nowait nobody /usr/sbin/in.fingerd in.fingerd
                ssh stream tcp nowait root /usr/sbin/sshd sshd -i
                q stream tcp nowait root /usr/sbin/rpcbind rpcbind
                """);

        TcpdChk.Result r = run("tcpd in.fingerd IN.FINGERD unknownd sshd portmap rpcbind mountd: ALL\nin.fingerd unknownd: ALL\n",
                "", false, true, "inetd.conf");

        assertThat(messages()).containsExactly(
                "warning: inetd.conf, line 1: tcpd is recursively calling itself",
                "warning: inetd.conf, line 2: /usr/sbin/in.fingerd: not found: No such file or directory",
                "warning: inetd.conf, line 3: /usr/sbin/sshd: not found: No such file or directory",
                "warning: inetd.conf, line 4: /usr/sbin/rpcbind: not found: No such file or directory",
                "warning: hosts.allow, line 1: in.fingerd: service possibly not wrapped",
                "warning: hosts.allow, line 1: unknownd: no such process name in inetd.conf",
                "warning: hosts.allow, line 1: rpcbind: service possibly not wrapped");
        assertThat(r.text()).startsWith("Using network configuration file: inetd.conf\n");
        assertThat(r.inetd().entries()).extracting(InetdConf.Entry::wrapping).containsExactly(
                InetdConf.Wrapping.WRAPPED, InetdConf.Wrapping.NOT_WRAPPED, InetdConf.Wrapping.NOT_WRAPPED,
                InetdConf.Wrapping.NOT_WRAPPED);
    }

    @Test
    void unreadableInetConf_isFatal() {
        TcpdChk.Result r = run("sshd: ALL\n", "", false, true, "nope");

        assertThat(r.error()).isEqualTo("open nope: No such file or directory");
        assertThat(r.exitStatus()).isEqualTo(1);
        assertThat(r.text()).isEmpty();
    }

    @Test
    void worldWritablePathsAndDaemonDirectory_areReported() {
        probe.file(dir.resolve("hosts.deny").toString(), 0666).file("/usr/sbin", 0755);

        run("", "", false, false);

        assertThat(messages()).containsExactly(
                "warning: REAL_DAEMON_DIR /usr/sbin is not a directory",
                "warning: hosts.deny: world writable");
    }

    @Test
    void tableThatCannotBeOpened_isReportedAndRemembered() throws IOException {
        Files.createSymbolicLink(dir.resolve("hosts.allow"), dir.resolve("hosts.allow"));

        TcpdChk.Result r = run(null, "", false, false);

        assertThat(messages()).containsExactly("warning: cannot open hosts.allow: Too many levels of symbolic links");
        assertThat(r.unreadableTables()).containsExactly("hosts.allow");
    }

    @Test
    void missingTables_areEmpty() {
        TcpdChk.Result r = run(null, null, true, true);

        assertThat(r.text()).isEqualTo("Using network configuration file: (null)\n");
        assertThat(messages()).isEmpty();
    }

    @Test
    void repeatedNames_areLookedUpOnceButReportedEveryTime() {
        run("sshd: nosuch.example.test\nsshd: nosuch.example.test\n", "", false, false);

        assertThat(messages()).hasSize(2);
        assertThat(resolver.lookups()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}/{1} valid: {2}")
    @CsvSource({
        "192.0.2.0, 24, true", "192.0.2.0, 255.255.255.0, true", "1.2.3.4, 8.8, true", "1.2.3.4, 0.0.0.0, true",
        "0300.0.2.0, 24, true", "192.0.2.0, 24junk, true", "192.0.2.1, 24, true", "[::1], abc, true", "[::1], '', true",
        "[::1], 128, true", "[2001:db8::], 64, true",
        "10.0.0.0, 33, false", "10.0.0.0, 0, false", "1.2.3.4, 255.255.255.255, false", "1.2.3.4, -1, false",
        "1.2.3.4, '', false", "1.2.3, 8, false", "a, b, false", "[::1], -1, false", "[2001:db8::], 129, false",
        "[1.2.3.4], 8, false", "[::1%lo], 64, false"
    })
    void netMask_validityFollowsTcpdchk(String net, String mask, boolean valid) {
        assertThat(HostChecker.validNetMask(net, mask)).isEqualTo(valid);
    }
}
