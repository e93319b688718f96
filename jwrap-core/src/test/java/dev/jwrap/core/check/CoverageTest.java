package dev.jwrap.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.policy.PatternCompiler;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.TableCompiler;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoverageTest {

    static Rule rule(String text) {
        TableCompiler compiler = new TableCompiler(new PatternCompiler(DiagnosticListener.IGNORE), DiagnosticListener.IGNORE);
        return compiler.compile("t", (text + "\n").getBytes(StandardCharsets.ISO_8859_1)).rules().getFirst();
    }

    @ParameterizedTest(name = "''{0}'' covers ''{1}'': {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ALL: ALL                       | sshd: 192.0.2.1                     | true
            *: *                           | sshd: ALL                           | true
            sshd: ALL                      | sshd: .example.test                 | true
            sshd, in.ftpd: ALL             | in.ftpd: 192.0.2.1                  | true
            s*: ALL                        | sshd: ALL                           | true
            KNOWN: ALL                     | sshd: ALL                           | true
            KNOWN: ALL                     | unknown: ALL                        | false
            sshd: 192.0.2.0/24             | sshd: 192.0.2.5                     | true
            sshd: 192.0.2.0/24             | sshd: 0300.0.2.5                    | true
            sshd: 192.0.2.0/24             | sshd: 192.0.2.128/25                | true
            sshd: 192.0.2.0/255.255.255.0  | sshd: 192.0.2.0/26                  | true
            sshd: 192.0.2.0/24             | sshd: 192.0.3.1                     | false
            sshd: 192.0.2.5                | sshd: 192.0.2.0/24                  | false
            sshd: 192.0.2.0/25             | sshd: 192.0.2.0/24                  | false
            sshd: [2001:db8::]/32          | sshd: [2001:db8:1::]/48             | true
            sshd: [2001:db8::]/48          | sshd: [2001:db8::]/32               | false
            sshd: 192.0.2.0/24             | sshd: [::ffff:192.0.2.1]            | false
            sshd: .example.test            | sshd: .a.example.test               | true
            sshd: .example.test            | sshd: host.example.test             | true
            sshd: .example.test            | sshd: example.test                  | false
            sshd: 192.0.                   | sshd: 192.0.2.                      | true
            sshd: 192.0.                   | sshd: 192.0.2.7                     | true
            sshd: 192.0.2.                 | sshd: host.example.test             | false
            sshd: host.example.test        | sshd: HOST.Example.Test             | true
            sshd: ALL@ALL                  | sshd: ALL                           | true
            sshd: ALL                      | sshd: bob@ALL                       | true
            sshd: .example.test            | sshd: bob@host.example.test         | true
            sshd: bob@ALL                  | sshd: ALL                           | false
            sshd: bob@.example.test        | sshd: bob@host.example.test         | true
            sshd: @staff                   | sshd: host.example.test             | false
            sshd: @staff                   | sshd: @staff                        | true
            sshd: KNOWN                    | sshd: host.example.test             | false
            sshd: ALL EXCEPT 10.0.0.0/8    | sshd: ALL EXCEPT 10.0.0.0/8         | true
            sshd: ALL EXCEPT 10.0.0.0/8    | sshd: 192.0.2.1 EXCEPT 10.0.0.0/255.0.0.0 | true
            sshd: ALL EXCEPT 10.0.0.0/8    | sshd: ALL EXCEPT 10.0.0.1           | false
            sshd: ALL EXCEPT 10.0.0.1      | sshd: ALL                           | false
            sshd: ALL                      | sshd: ALL EXCEPT 10.0.0.1           | true
            in.ftpd: ALL                   | sshd: ALL                           | false
            sshd: ALL                      | ALL: ALL                            | false
            ALL EXCEPT sshd: ALL           | in.ftpd: ALL                        | false
            sshd@192.0.2.0/24: ALL         | sshd@192.0.2.1: ALL                 | true
            sshd@192.0.2.1: ALL            | sshd: ALL                           | false
            23: ALL                        | 23: 192.0.2.1                       | true
            ALL: ALL                       | 23: ALL                             | true
            0: ALL                         | sshd: ALL                           | false
            sshd: 10.0.0.0/8               | sshd: 10.0.0.1/8                    | true
            """)
    void covers(String x, String y, boolean expected) {
        assertThat(Coverage.covers(rule(x), rule(y))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' never matches: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sshd: EXCEPT 192.0.2.1            | the client list starts with EXCEPT
            EXCEPT sshd: ALL                  | the daemon list starts with EXCEPT
            sshd: 192.0.2.1/24                | no pattern before EXCEPT in the client list can match
            sshd: 10.0.0.0/33 [zz]            | no pattern before EXCEPT in the client list can match
            sshd@10.0.0.1/8: ALL              | no pattern before EXCEPT in the daemon list can match
            sshd: 192.0.2.1/24 192.0.2.7      |
            sshd: ALL EXCEPT 192.0.2.1/24     |
            sshd:                             |
            """)
    void whyNever(String text, String expected) {
        assertThat(ShadowAnalysis.whyNever(rule(text))).isEqualTo(expected);
    }
}
