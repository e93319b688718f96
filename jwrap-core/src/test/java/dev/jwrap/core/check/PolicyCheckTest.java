package dev.jwrap.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.resolve.IdentClient;
import dev.jwrap.core.testing.MapHostResolver;
import dev.jwrap.core.testing.MapPathProbe;
import dev.jwrap.core.testing.MapUserDatabase;
import dev.jwrap.core.tools.TcpdChk;
import dev.jwrap.core.tools.ToolEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCheckTest {

    @TempDir
    Path dir;

    private PolicyCheck.Report check(String allow, String deny, String inetConf) throws IOException {
        if (allow != null) {
            Files.writeString(dir.resolve("hosts.allow"), allow);
        }
        if (deny != null) {
            Files.writeString(dir.resolve("hosts.deny"), deny);
        }
        LookupServices services = new LookupServices(
                MapHostResolver.of("192.0.2.1 good.example.test"), IdentClient.NONE, MapUserDatabase.debian());
        ToolEnvironment env = new ToolEnvironment(new MapPathProbe().dir("/usr/sbin", 0755), dir.resolve("none").toString(), "/usr/sbin");
        return new PolicyCheck(services, env).run(TcpdChk.Invocation.of(false, true, inetConf, false, dir), DiagnosticListener.IGNORE);
    }

    @Test
    void cleanPolicy_exitsZero_evenWithNotes() throws IOException {
        PolicyCheck.Report r = check("sshd: ALL\nvsftpd: 192.0.2.1\n", "ALL: ALL\n", null);

        assertThat(r.findings()).extracting(Finding::code)
                .containsExactly(FindingCode.BROAD_ALLOW, FindingCode.UNKNOWN_DAEMON);
        assertThat(r.findings()).allMatch(f -> f.severity() == Finding.Severity.NOTE);
        assertThat(r.exitStatus()).isEqualTo(PolicyCheck.CLEAN);
    }

    @Test
    void findings_fromBothParts_areMergedByFileAndLine() throws IOException {
        PolicyCheck.Report r = check("sshd: 192.0.2.0/24\nsshd: foo.invalid 192.0.2.1\n", "sshd: 192.0.2.7\n", null);

        assertThat(r.findings()).extracting(Finding::toLocatedText).containsExactly(
                "hosts.allow:2: warning: foo.invalid: host not found [unresolvable-name]",
                "hosts.deny:1: note: host address 192.0.2.7->name lookup failed [no-reverse-name]",
                "hosts.deny:1: warning: rule can never take effect: hosts.allow line 1 (sshd: 192.0.2.0/24) already"
                        + " decides every request it matches [shadowed-rule]",
                "hosts.deny:1: warning: hosts.deny has no final \"ALL: ALL\": requests that no rule matches are granted"
                        + " [no-default-deny]");
        assertThat(r.analysis()).hasSize(2);
        assertThat(r.exitStatus()).isEqualTo(PolicyCheck.FINDINGS);
    }

    @Test
    void unreadableTable_isUnusableInput() throws IOException {
        Files.createSymbolicLink(dir.resolve("hosts.deny"), dir.resolve("hosts.deny"));

        assertThat(check("sshd: ALL\n", null, null).exitStatus()).isEqualTo(PolicyCheck.UNUSABLE);
    }

    @Test
    void unreadableInetConf_isUnusableInput() throws IOException {
        PolicyCheck.Report r = check("sshd: ALL\n", "ALL: ALL\n", "nope");

        assertThat(r.exitStatus()).isEqualTo(PolicyCheck.UNUSABLE);
        assertThat(r.tcpdchk().error()).isEqualTo("open nope: No such file or directory");
        assertThat(r.findings()).isEmpty();
    }
}
