package dev.jwrap.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyAnalyzerTest {

    private static final String DEFAULT_DENY = "ALL: ALL\n";

    private static List<String> analyze(String allow, String deny) {
        return new PolicyAnalyzer()
                .analyze("hosts.allow", bytes(allow), "hosts.deny", bytes(deny))
                .stream().map(Finding::toLocatedText).toList();
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void cleanPolicy_hasNoFindings() {
        assertThat(analyze("sshd: 192.0.2.0/24 EXCEPT 192.0.2.7\nin.ftpd: .example.test\n", DEFAULT_DENY)).isEmpty();
    }

    @Test
    void ruleAfterACoveringRule_isShadowed() {
        assertThat(analyze("sshd: 192.0.2.0/24\nsshd: 192.0.2.5\nsshd: 192.0.3.5\n", DEFAULT_DENY)).containsExactly(
                "hosts.allow:2: warning: rule can never take effect: hosts.allow line 1 (sshd: 192.0.2.0/24)"
                        + " already decides every request it matches [shadowed-rule]");
    }

    @Test
    void denyRuleCoveredByAnAllowRule_isShadowed() {
        assertThat(analyze("sshd: .example.test\n", "sshd: host.example.test\n" + DEFAULT_DENY)).containsExactly(
                "hosts.deny:1: warning: rule can never take effect: hosts.allow line 1 (sshd: .example.test)"
                        + " already decides every request it matches [shadowed-rule]");
    }

    @Test
    void aclexecInHostsAllow_mayLetRequestsThroughToHostsDeny() {
        assertThat(analyze("in.ftpd: ALL: aclexec /bin/check\nsshd: .example.test\n", "sshd: host.example.test\n" + DEFAULT_DENY))
                .isEmpty();
    }

    @Test
    void rulesAfterDefaultDeny_areShadowed() {
        assertThat(analyze("", "ALL: ALL\nsshd: 192.0.2.1\n")).containsExactly(
                "hosts.deny:2: warning: rule can never take effect: hosts.deny line 1 (ALL: ALL)"
                        + " already decides every request it matches [shadowed-rule]");
    }

    @Test
    void unmatchableRules_areReported() {
        assertThat(analyze("sshd: EXCEPT 192.0.2.1\nsshd: 192.0.2.1/24\n", DEFAULT_DENY)).containsExactly(
                "hosts.allow:1: warning: rule can never match: the client list starts with EXCEPT [never-matches]",
                "hosts.allow:2: warning: 192.0.2.1/24 never matches: the network 192.0.2.1 has bits outside the mask"
                        + " (write 192.0.2.0/24) [netmask-host-bits]",
                "hosts.allow:2: warning: rule can never match: no pattern before EXCEPT in the client list can match"
                        + " [never-matches]");
    }

    @Test
    void unterminatedLastLine_isFatal_andDeniesEverythingInHostsDeny() {
        assertThat(analyze("sshd: 192.0.2.0/24: allow\nin.ftpd: ALL", "in.ftpd: 192.0.2.1\nALL: ALL")).containsExactly(
                "hosts.allow:2: error: the last line has no newline: tcpd ignores it [missing-final-newline]",
                "hosts.deny:2: error: the last line has no newline: tcpd ignores it, and every request that reaches"
                        + " hosts.deny is denied [missing-final-newline]");
    }

    @Test
    void rulesAfterAnOverlongLine_areIgnored() {
        assertThat(analyze("sshd: " + "a".repeat(2100) + "\nin.ftpd: ALL: allow\n# fine\n", DEFAULT_DENY)).containsExactly(
                "hosts.allow:1: error: line longer than 2046 characters: tcpd ignores it and every rule after it"
                        + " [line-too-long]",
                "hosts.allow:2: error: rule is ignored: tcpd stops reading hosts.allow at line 1 (line too long)"
                        + " [after-fatal-line]");
    }

    @Test
    void missingDefaultDeny_isReportedAtTheEndOfHostsDeny() {
        assertThat(analyze("sshd: 192.0.2.1\n", "in.ftpd: ALL\n# end\n")).containsExactly(
                "hosts.deny:2: warning: hosts.deny has no final \"ALL: ALL\": requests that no rule matches are granted"
                        + " [no-default-deny]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ALL: ALL
            ALL: ALL: spawn /usr/bin/logger %h
            ALL: ALL: twist /bin/echo go away
            *: *
            ALL EXCEPT: ALL@ALL
            """)
    void defaultDeny_takesSeveralForms(String rule) {
        assertThat(analyze("", rule + "\n")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ALL: ALL: allow
            ALL: ALL EXCEPT 192.0.2.1
            ALL EXCEPT sshd: ALL
            ALL: ALL: aclexec /bin/check
            """)
    void notADefaultDeny(String rule) {
        assertThat(analyze("", rule + "\n")).anyMatch(f -> f.endsWith("[no-default-deny]"));
    }

    @Test
    void defaultDenyAtTheEndOfHostsAllow_isADefaultDeny() {
        assertThat(analyze("sshd: 192.0.2.0/24: allow\nALL: ALL: deny\n", "")).isEmpty();
    }

    @Test
    void unreadableHostsDeny_deniesEverythingAnyway() {
        assertThat(analyze("sshd: 192.0.2.1\n", null)).isEmpty();
    }

    @Test
    void allowingEveryone_isReported() {
        assertThat(analyze("sshd: ALL\nin.ftpd: 0.0.0.0/0.0.0.0\nALL: ALL\n", "ALL: ALL\n")).containsExactly(
                "hosts.allow:1: note: allows every client to use sshd [broad-allow]",
                "hosts.allow:2: note: allows every IPv4 client to use in.ftpd [broad-allow]",
                "hosts.allow:3: warning: allows every client to use every service: hosts.deny is never consulted [broad-allow]",
                "hosts.deny:1: warning: rule can never take effect: hosts.allow line 3 (ALL: ALL) already decides every"
                        + " request it matches [shadowed-rule]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sshd: ALL EXCEPT 192.0.2.1
            sshd: ALL: deny
            sshd: ALL: twist /bin/echo no
            sshd: ALL: bogus
            """)
    void notABroadAllow(String rule) {
        assertThat(analyze(rule + "\n", DEFAULT_DENY)).noneMatch(f -> f.endsWith("[broad-allow]"));
    }

    @Test
    void unbracketedIpv6_andColonsInOptions_areReported() {
        assertThat(analyze("ALL: ::1\nsshd: 2001:db8::1, 192.0.2.1\nsshd: [2001:db8::1]\nin.ftpd: 2001:db8::/32\n"
                + "sshd: ALL: spawn echo [::1]\nin.ftpd: 192.0.2.1: spawn echo \\:\\:1\n", DEFAULT_DENY)).containsExactly(
                "hosts.allow:1: error: IPv6 address ::1 must be written [::1]: tcpd ends the client list at its first"
                        + " colon [unbracketed-ipv6]",
                "hosts.allow:2: error: IPv6 address 2001:db8::1 must be written [2001:db8::1]: tcpd ends the client"
                        + " list at its first colon [unbracketed-ipv6]",
                "hosts.allow:4: error: IPv6 address 2001:db8::/32 must be written [2001:db8::]/32: tcpd ends the"
                        + " client list at its first colon [unbracketed-ipv6]",
                "hosts.allow:5: error: the colons of [::1] split the option field: write them as \\: in option values"
                        + " [colon-in-option]");
    }

    @Test
    void crlfFiles_areReported() {
        assertThat(analyze("sshd: 192.0.2.1\r\nin.ftpd: 192.0.2.2, \\\r\n192.0.2.3\r\n", DEFAULT_DENY)).containsExactly(
                "hosts.allow:1: warning: 3 line(s) end in CR LF: tcpd copes, but backslash continuation fails and"
                        + " tcpdchk misreads the last word of each list [crlf-line-ends]",
                "hosts.allow:2: error: a backslash before CR LF does not continue the line: tcpd reads line 3 as a rule"
                        + " of its own [crlf-continuation]");
    }

    @Test
    void commentTraps_areReported() {
        assertThat(analyze("  # ALL: ALL\n\t# just words\n# old rule \\\nsshd: 192.0.2.1\nsshd: 192.0.2.2\n", DEFAULT_DENY))
                .containsExactly(
                        "hosts.allow:1: error: '#' starts a comment only in column 1: tcpd reads this line as a rule"
                                + " [indented-comment]",
                        // and a rule it is: daemons "#" and "ALL"
                        "hosts.allow:1: warning: allows every client to use every service: hosts.deny is never consulted"
                                + " [broad-allow]",
                        "hosts.allow:2: warning: '#' starts a comment only in column 1: this line is not a comment"
                                + " [indented-comment]",
                        "hosts.allow:3: warning: comment ends in a backslash: line 4 is part of the comment"
                                + " [comment-continuation]",
                        "hosts.allow:5: warning: rule can never take effect: hosts.allow line 1 (# ALL: ALL) already"
                                + " decides every request it matches [shadowed-rule]",
                        "hosts.deny:1: warning: rule can never take effect: hosts.allow line 1 (# ALL: ALL) already"
                                + " decides every request it matches [shadowed-rule]");
    }
}
