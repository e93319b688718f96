package dev.jwrap.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nftables output against the real nft, always inside {@code unshare -n} (a private network
 * namespace) so that the host's firewall is never touched: {@code nft -c} accepts the golden
 * ruleset, and a loaded ruleset lets allowed clients connect and resets denied ones over the
 * namespace's loopback. Skips without nft/unshare/root, but fails under {@code CI=true}.
 */
class NftablesIT {

    private static final Path NFT = Path.of("/usr/sbin/nft");
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireNft() {
        Prerequisites.of("nftables tests")
                .executable(NFT, "apt-get install nftables")
                .executable(UNSHARE, "util-linux")
                .root("unshare -n and nft need root")
                .require();
    }

    @Test
    void nftAcceptsTheGoldenRuleset() throws Exception {
        Path rules = Files.writeString(dir.resolve("golden.nft"), ExportGoldenTest.resource("nftables.golden"));
        ChildProcess.Outcome r = run(List.of(UNSHARE.toString(), "-n", NFT.toString(), "-c", "-f", rules.toString()), List.of());
        assertThat(r.status()).as(r.stdout()).isZero();
    }

    @Test
    void nftRejectsABrokenRuleset() throws Exception {
        // the check above could not fail if nft -c accepted anything
        String broken = ExportGoldenTest.resource("nftables.golden").replace("ip saddr", "ip sadr");
        Path rules = Files.writeString(dir.resolve("broken.nft"), broken);
        ChildProcess.Outcome r = run(List.of(UNSHARE.toString(), "-n", NFT.toString(), "-c", "-f", rules.toString()), List.of());
        assertThat(r.status()).isNotZero();
    }

    @Test
    void aLoadedRulesetLetsAllowedClientsInAndResetsDeniedOnes() throws Exception {
        Path allow = Files.writeString(dir.resolve("hosts.allow"), "41001: 127.0.0.2 127.0.1.\n");
        Path deny = Files.writeString(dir.resolve("hosts.deny"), "41001: ALL\n41002: 127.0.0.0/255.255.255.0 EXCEPT 127.0.0.5\n");
        AccessPolicy policy = AccessPolicy.load(TableFile.of(allow), TableFile.of(deny));
        String ruleset = new NftablesWriter(false).write(ExportPlan.of(policy.allowTable(), policy.denyTable(), ServicePorts.read(dir)));
        Path rules = Files.writeString(dir.resolve("jwrap.nft"), ruleset);
        Path script = Files.writeString(dir.resolve("apply.sh"), ExportGoldenTest.resource("apply-and-connect.sh"));
        List<String> probes = List.of("127.0.0.2:41001", "127.0.1.9:41001", "127.0.0.3:41001",
                "127.0.0.3:41002", "127.0.0.5:41002", "127.0.2.1:41002", "127.0.0.3:41003");
        ChildProcess.Outcome r = run(List.of(UNSHARE.toString(), "-n", "/bin/sh", script.toString(), rules.toString(), "41001", "41002", "41003"),
                List.of("PROBES=" + String.join(" ", probes)));
        assertThat(r.status()).as(r.stdout()).isZero();
        assertThat(r.stdout().lines().toList()).containsExactly(
                "127.0.0.2:41001 open",   // hosts.allow, by address
                "127.0.1.9:41001 open",   // hosts.allow, by octet prefix
                "127.0.0.3:41001 closed", // hosts.deny ALL
                "127.0.0.3:41002 closed", // hosts.deny net/mask
                "127.0.0.5:41002 open",   // ... EXCEPT
                "127.0.2.1:41002 open",   // outside the mask: no rule, tcpd's default allow
                "127.0.0.3:41003 open");  // a port no table names
    }

    private static ChildProcess.Outcome run(List<String> command, List<String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (String e : env) {
            pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        return ChildProcess.run(pb, Duration.ofMinutes(1));
    }
}
