package dev.jwrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.core.testing.StaticHostResolver;
import dev.jwrap.core.testing.Tables;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {

    @TempDir
    Path dir;

    private Verdict verdict(String allow, String deny, String daemon, String name, String address) {
        return Tables.policy(dir, allow, deny).decide(AccessRequest.of(daemon, name, address, null)).verdict();
    }

    @ParameterizedTest(name = "[{index}] allow=''{0}'' deny=''{1}'' {2}@{4} -> {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "                              |                     | sshd | unknown | 192.0.2.1 | GRANTED",
        "                              | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | DENIED",
        "sshd: 192.0.2.1\\n             | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | GRANTED",
        "sshd: 192.0.2.1\\n             | ALL: ALL\\n          | ftpd | unknown | 192.0.2.1 | DENIED",
        "\" # sshd: 192.0.2.1\\n\"      | ALL: ALL\\n          | #    | unknown | 192.0.2.1 | GRANTED",
        "# c \\\\nsshd: 192.0.2.1\\n      | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | DENIED",
        "sshd 192.0.2.1\\nsshd: ALL\\n   | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | GRANTED",
        "sshd: ALL                     | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | DENIED",
        "                              | ALL: ALL            | sshd | unknown | 192.0.2.1 | DENIED",
        "                              | sshd: 10.0.0.1      | sshd | unknown | 192.0.2.1 | DENIED",
        "ALL: ALL:\\n                   |                     | sshd | unknown | 192.0.2.1 | DENIED",
        "ALL:\\n                        |                     | sshd | unknown | 192.0.2.1 | GRANTED",
        "ALL: ALL EXCEPT 192.0.2.1\\n   | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | DENIED",
        "ALL: ALL EXCEPT 192.0.2.1 EXCEPT 192.0.2.1\\n | ALL: ALL\\n | sshd | unknown | 192.0.2.1 | GRANTED",
        "ALL: EXCEPT 192.0.2.1\\n       | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | DENIED",
        "ALL: 192.0.2.1 EXCEPT\\n       | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | GRANTED",
        "ALL EXCEPT sshd: ALL\\n        | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | DENIED",
        "ALL: ALL: deny\\n              |                     | sshd | unknown | 192.0.2.1 | DENIED",
        "                              | ALL: ALL: allow\\n   | sshd | unknown | 192.0.2.1 | GRANTED",
        "ALL: ALL: bogus\\n             |                     | sshd | unknown | 192.0.2.1 | DENIED",
        "ALL: ALL: allow: deny\\n       |                     | sshd | unknown | 192.0.2.1 | DENIED",
        "ALL: ALL: twist echo hi\\n     |                     | sshd | unknown | 192.0.2.1 | DELEGATED",
        "ALL: ALL: spawn echo %a\\n     | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | GRANTED",
        "ALL: ALL: umask 028\\n         |                     | sshd | unknown | 192.0.2.1 | DENIED",
        "ALL: ALL: severity mail\\n     |                     | sshd | unknown | 192.0.2.1 | DENIED",
        "ALL: ALL: severity mail.info\\n |                    | sshd | unknown | 192.0.2.1 | GRANTED",
        "sshd: .example.test\\n         | ALL: ALL\\n          | sshd | a.example.test | 192.0.2.1 | GRANTED",
        "sshd: .2.1\\n                  | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | GRANTED",
        "sshd: LOCAL\\n                 | ALL: ALL\\n          | sshd | myhost  | 192.0.2.1 | GRANTED",
        "sshd: LOCAL\\n                 | ALL: ALL\\n          | sshd | my.host | 192.0.2.1 | DENIED",
        "sshd: KNOWN\\n                 | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | DENIED",
        "sshd: UNKNOWN\\n               | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | GRANTED",
        "sshd: PARANOID\\n              | ALL: ALL\\n          | sshd | paranoid | 192.0.2.1 | GRANTED",
        "sshd: 192.0.2.0/24\\n          | ALL: ALL\\n          | sshd | unknown | 192.0.2.9 | GRANTED",
        "sshd: [2001:db8::]/32\\n       | ALL: ALL\\n          | sshd | unknown | 2001:db8::9 | GRANTED",
        "sshd: ::1\\n                   | ALL: ALL\\n          | sshd | unknown | ::1 | DENIED",
        "sshd: [::1]\\n                 | ALL: ALL\\n          | sshd | unknown | ::1 | GRANTED",
        "ss*: 192.0.2.*\\n              | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | GRANTED",
        "sshd: 192.0.2.1\\n             | ALL: ALL\\r\\n        | ftpd | unknown | 192.0.2.1 | DENIED",
        "                              | ALL: ALL            | sshd | unknown | 192.0.2.1 | DENIED",
        "sshd: 192.0.2.1               | ALL: ALL\\n          | sshd | unknown | 192.0.2.1 | DENIED",
    })
    void decidesLikeLibwrap(String allow, String deny, String daemon, String name, String address, Verdict expected) {
        assertThat(verdict(allow == null ? "" : allow.replace("\\n", "\n").replace("\\r", "\r"),
                        deny == null ? "" : deny.replace("\\n", "\n").replace("\\r", "\r"), daemon, name, address))
                .isEqualTo(expected);
    }

    @Test
    void unterminatedLastLineOfDenyDeniesEverythingNotMatchedBefore() {
        assertThat(verdict("", "sshd: 10.0.0.1\nftpd: 10.0.0.2", "telnetd", "unknown", "192.0.2.1"))
                .isEqualTo(Verdict.DENIED);
        assertThat(verdict("", "sshd: 10.0.0.1\nftpd: 10.0.0.2\n", "telnetd", "unknown", "192.0.2.1"))
                .isEqualTo(Verdict.GRANTED);
    }

    @Test
    void decisionNamesTheRuleAndItsLine() {
        AccessPolicy p = Tables.policy(dir, "# comment\nsshd: 10.0.0.1\nsshd: \\\n192.0.2.1\n", "ALL: ALL\n");
        Decision d = p.decide(AccessRequest.of("sshd", null, "192.0.2.1", null));
        assertThat(d.rule()).isEqualTo(new RuleRef("hosts.allow", 4, "sshd: 192.0.2.1"));
    }

    @Test
    void numericDaemonMatchesServerPort() {
        AccessPolicy p = Tables.policy(dir, "22: ALL\n", "ALL: ALL\n");
        AccessRequest onPort22 = AccessRequest.builder()
                .daemon("sshd")
                .client(HostEndpoint.ofStrings(null, "192.0.2.1"))
                .server(HostEndpoint.ofSocket(new InetSocketAddress("127.0.0.1", 22)))
                .build();
        AccessRequest onPort23 = AccessRequest.builder()
                .daemon("sshd")
                .client(HostEndpoint.ofStrings(null, "192.0.2.1"))
                .server(HostEndpoint.ofSocket(new InetSocketAddress("127.0.0.1", 23)))
                .build();
        assertThat(p.decide(onPort22).verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(p.decide(onPort23).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(p.decide(AccessRequest.of("22", null, "192.0.2.1", null)).verdict()).isEqualTo(Verdict.DENIED);
    }

    @Test
    void nameIsLookedUpOnlyWhenARuleNeedsIt() {
        StaticHostResolver dns = new StaticHostResolver().host("192.0.2.7", "good.example.test");
        AccessPolicy p = Tables.policy(dir, "sshd: 192.0.2.7\nsshd: .example.test\n", "ALL: ALL\n");
        AccessRequest byAddress = socketRequest(dns, "sshd");
        assertThat(p.decide(byAddress).verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(dns.reverseLookups).hasValue(0);
        AccessRequest byName = socketRequest(dns, "ftpd");
        assertThat(p.decide(byName).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(dns.reverseLookups).hasValue(0);
        AccessPolicy names = Tables.policy(dir, "sshd: 10.0.0.1\nsshd: .example.test\n", "ALL: ALL\n");
        assertThat(names.decide(socketRequest(dns, "sshd")).verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(dns.reverseLookups).hasValue(1);
    }

    @Test
    void serverNameIsLookedUpByDaemonAtHostEvenWhenTheClientListFails() {
        // libwrap evaluates sshd@name (a server name lookup) before it sees the client fail;
        // the index must not skip that rule while the server name is still unknown
        StaticHostResolver dns = new StaticHostResolver().host("192.0.2.1", "server.example.test");
        AccessPolicy p = Tables.policy(dir, "sshd@server.example.test: 10.9.9.9\n", "");
        AccessRequest r = socketRequest(dns, "sshd");
        assertThat(p.decide(r).verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(r.server().nameIfKnown()).isEqualTo("server.example.test");
        assertThat(r.server().hostInfo()).isEqualTo("server.example.test");
    }

    @Test
    void paranoidWhenForwardLookupDisagrees() {
        StaticHostResolver dns = new StaticHostResolver()
                .host("192.0.2.8", "real.example.test")
                .pointer("192.0.2.7", "real.example.test");
        List<String> warnings = new ArrayList<>();
        AccessPolicy p = Tables.policy(dir, "sshd: PARANOID\n", "ALL: ALL\n");
        AccessRequest r = AccessRequest.builder()
                .daemon("sshd")
                .client(new InetSocketAddress("192.0.2.7", 1234))
                .server(new InetSocketAddress("192.0.2.1", 22))
                .services(dns.services())
                .diagnostics(d -> warnings.add(d.toSyslogText()))
                .build();
        assertThat(p.decide(r).verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(r.clientName()).isEqualTo("paranoid");
        assertThat(warnings).containsExactly("warning: host name/address mismatch: 192.0.2.7 != real.example.test");
    }

    @Test
    void optionsRunInOrderAndExpansionsAreSanitised() {
        List<String> spawned = new ArrayList<>();
        AccessPolicy p = Tables.policy(dir, "ALL: ALL: spawn echo %d %u: setenv X %a: umask 022\n", "");
        AccessRequest r = AccessRequest.of("sshd;rm", null, "192.0.2.1", "eve`id`");
        Decision d = p.decide(r, new OptionEffects() {
            @Override
            public void spawn(String command) {
                spawned.add(command);
            }

            @Override
            public void setenv(String name, String value) {
                spawned.add(name + "=" + value);
            }
        });
        assertThat(d.verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(spawned).containsExactly("echo sshd_rm eve_id_", "X=192.0.2.1");
        assertThat(d.options()).extracting(Decision.AppliedOption::keyword).containsExactly("spawn", "setenv", "umask");
    }

    @Test
    void aclexecFailureSkipsRestOfTable() {
        AccessPolicy p = Tables.policy(dir, "ALL: ALL: aclexec false\nALL: ALL\n", "ALL: ALL\n");
        OptionEffects failing = new OptionEffects() {
            @Override
            public boolean aclexec(String command) {
                return false;
            }
        };
        assertThat(p.decide(AccessRequest.of("sshd", null, "192.0.2.1", null), failing).verdict())
                .isEqualTo(Verdict.DENIED);
        assertThat(p.decide(AccessRequest.of("sshd", null, "192.0.2.1", null)).verdict()).isEqualTo(Verdict.GRANTED);
    }

    private static AccessRequest socketRequest(StaticHostResolver dns, String daemon) {
        return AccessRequest.builder()
                .daemon(daemon)
                .client(new InetSocketAddress("192.0.2.7", 40000))
                .server(new InetSocketAddress("192.0.2.1", 22))
                .services(dns.services())
                .build();
    }
}
