package dev.jwrap.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.TableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ordering decisions of the export, one table pair each. */
class ExportPlanTest {

    @TempDir
    Path dir;

    @Test
    void aSkippedDenyLetsTranslationGoOn() throws IOException {
        String nft = nft("", "sshd: .example.com\nsshd: 192.0.2.0/24\n");
        assertThat(nft).contains("not translated: .example.com").contains("tcp dport 22 ip saddr 192.0.2.0/24 reject with tcp reset");
    }

    @Test
    void aSkippedAllowStopsLaterRulesForItsPortsOnly() throws IOException {
        String nft = nft("sshd: trusted.example.com\n", "ALL: ALL\n");
        assertThat(nft).contains("tcp dport 21 reject with tcp reset").doesNotContain("dport 22", "21, 22");
        assertThat(nft("in.ftpd: 10.\n", "ALL: ALL\n")).contains("tcp dport { 21, 22 } reject with tcp reset");
    }

    @Test
    void anAllowOptionInTheDenyTableAccepts() throws IOException {
        assertThat(nft("", "sshd: [2001:db8::5] : allow\n")).contains("tcp dport 22 ip6 saddr 2001:db8::5 accept");
    }

    @Test
    void ipv4MappedPatternsAreNotTranslated() throws IOException {
        assertThat(nft("", "sshd: [::ffff:192.0.2.1]\nsshd: [::ffff:192.0.2.0]/120\n"))
                .contains("[::ffff:192.0.2.1]: an IPv4-mapped", "[::ffff:192.0.2.0]/120: an IPv4-mapped")
                .doesNotContain("dport 22");
    }

    @Test
    void ipv6NetworksLoseTheirHostBits() throws IOException {
        assertThat(nft("sshd: [2001:db8:0:0:1::1]/64 [fe80::1]\n", ""))
                .contains("tcp dport 22 ip6 saddr { 2001:db8::/64, fe80::1 } accept");
    }

    @Test
    void daemonAtHostMatchesTheLocalAddress() throws IOException {
        String nft = nft("sshd@192.0.2.1: 10.0.0.0/8\nsshd@[2001:db8::1]: ALL\nsshd@gw.example.com: ALL\n", "");
        assertThat(nft).contains("tcp dport 22 ip saddr 10.0.0.0/8 ip daddr 192.0.2.1 accept",
                "tcp dport 22 ip6 daddr 2001:db8::1 accept", "not translated: @gw.example.com: a host name");
        assertThat(new PfWriter(false).write(plan("sshd@192.0.2.1: 10.0.0.0/8\n", "")))
                .contains("pass in quick proto tcp from 10.0.0.0/8 to 192.0.2.1 port 22");
        assertThat(nft("sshd@192.0.2.1 in.ftpd: ALL\n", "")).contains("different @host parts");
    }

    @Test
    void noDefaultDenyMeansNothingAtTheEnd() throws IOException {
        String nft = nft("sshd: 10.0.0.0/8\n", "");
        assertThat(nft.lines().filter(l -> l.contains("dport")).toList()).containsExactly("    tcp dport 22 ip saddr 10.0.0.0/8 accept");
    }

    @Test
    void strictCountsOnlyRulesThatWeakenTheExport() throws IOException {
        assertThat(plan("sshd: 192.0.2.1/24\n", "").limited()).isFalse();
        assertThat(plan("sshd: LOCAL\n", "").limited()).isTrue();
        assertThat(plan("unknownd: LOCAL\n", "").limited()).isFalse();
    }

    private String nft(String allow, String deny) throws IOException {
        return new NftablesWriter(false).write(plan(allow, deny));
    }

    private ExportPlan plan(String allow, String deny) throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/inetd.conf"), "21 stream tcp nowait root /usr/sbin/tcpd in.ftpd\n");
        Path a = Files.writeString(dir.resolve("hosts.allow"), allow);
        Path d = Files.writeString(dir.resolve("hosts.deny"), deny);
        AccessPolicy policy = AccessPolicy.load(TableFile.of(a), TableFile.of(d));
        return ExportPlan.of(policy.allowTable(), policy.denyTable(), ServicePorts.read(dir).with("sshd", new Port("tcp", 22)));
    }
}
