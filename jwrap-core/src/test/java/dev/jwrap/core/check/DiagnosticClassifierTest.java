package dev.jwrap.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiagnosticClassifierTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            foo.invalid: host not found                      | unresolvable-name  | WARNING
            host address 192.0.2.9->name lookup failed       | no-reverse-name    | NOTE
            good: hostname alias                             | hostname-alias     | WARNING
            host name/name mismatch: a != b                  | dns-mismatch       | WARNING
            host name/address mismatch: 192.0.2.1 != a       | dns-mismatch       | WARNING
            host multi.example.test has more than one address | multi-address-host | WARNING
            10.0.0.0/33: bad net/mask pattern                | bad-netmask        | WARNING
            implicit "allow" at end of rule                  | implicit-allow     | WARNING
            missing ":" separator                            | missing-separator  | ERROR
            client list is empty or ends in EXCEPT           | empty-list         | WARNING
            daemon list is empty or ends in EXCEPT           | empty-list         | WARNING
            x: no such process name in inetd.conf            | unknown-daemon     | WARNING
            x: service possibly not wrapped                  | unwrapped-service  | WARNING
            @d: daemon name begins with "@"                  | suspicious-name    | WARNING
            u.: user name ends in dot                        | suspicious-name    | WARNING
            LOCAL: user name may be reserved word            | suspicious-name    | WARNING
            FAIL is no longer recognized                     | obsolete-fail      | WARNING
            grp: unknown or empty netgroup                   | unknown-netgroup   | WARNING
            example.test.: domain or host name ends in dot   | trailing-dot       | WARNING
            .1.2: network number begins with dot             | leading-dot        | WARNING
            hosts.deny: world writable                       | world-writable     | WARNING
            cannot open hosts.allow: Permission denied       | unreadable-table   | ERROR
            unrecognized %z                                  | bad-expansion      | WARNING
            /usr/sbin/x: not found: No such file or directory | inetd-entry       | WARNING
            tcpd is recursively calling itself               | inetd-entry        | WARNING
            incomplete line                                  | inetd-entry        | WARNING
            something new                                    | tcpdchk            | WARNING
            """)
    void warning_isClassified(String message, String code, Finding.Severity severity) {
        List<Finding> f = DiagnosticClassifier.classify(List.of(Diagnostic.warning("hosts.allow", 3, message)), true);

        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.code().id()).isEqualTo(code);
            assertThat(x.severity()).isEqualTo(severity);
            assertThat(x.file()).isEqualTo("hosts.allow");
            assertThat(x.line()).isEqualTo(3);
        });
    }

    @Test
    void unknownDaemonWithoutAnyInetdConf_isOnlyANote() {
        List<Finding> f = DiagnosticClassifier.classify(
                List.of(Diagnostic.warning("hosts.allow", 1, "vsftpd: no such process name in (null)")), false);

        assertThat(f).singleElement().extracting(Finding::severity).isEqualTo(Finding.Severity.NOTE);
    }

    @Test
    void optionErrors_areErrors_andFollowUpsAreJoined_andDebugLinesDropped() {
        List<Finding> f = DiagnosticClassifier.classify(List.of(
                Diagnostic.error("hosts.allow", 2, "bad option name: \"bogus\""),
                new Diagnostic(Diagnostic.Severity.DEBUG, null, 0, "option:   allow "),
                Diagnostic.warning("hosts.allow", 4, "good: hostname alias"),
                Diagnostic.warning("hosts.allow", 4, "(official name: good.example.test)"),
                Diagnostic.warning("hosts.allow", 5, "missing newline or line too long")), true);

        assertThat(f).extracting(Finding::toLocatedText).containsExactly(
                "hosts.allow:2: error: bad option name: \"bogus\": access is denied [option-error]",
                "hosts.allow:4: warning: good: hostname alias (official name: good.example.test) [hostname-alias]");
    }
}
