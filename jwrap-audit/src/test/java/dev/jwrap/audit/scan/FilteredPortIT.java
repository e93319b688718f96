package dev.jwrap.audit.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port that a firewall drops is {@code filtered} (spec §9.2 item 9), and the scan of it takes no
 * longer than initial timeout × (retries + 1) + 100 ms. In {@code unshare -n} (a private network
 * namespace with only loopback, so the host's firewall is never touched) with an nft rule dropping
 * the port. Needs root, unshare and nft: skipped without them, failed under {@code CI=true}.
 */
class FilteredPortIT {

    private static final Path UNSHARE = Path.of("/usr/bin/unshare");
    private static final Path NFT = Path.of("/usr/sbin/nft");
    private static final int DROPPED = 9999;
    private static final int CLOSED = 9998;
    private static final long BOUND_MS = ScanTiming.LOOPBACK.initialTimeoutMs() * (ScanTiming.LOOPBACK.retries() + 1L) + 100;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTools() {
        Prerequisites.of("filtered-port test")
                .executable(NFT, "apt-get install nftables")
                .executable(UNSHARE, "util-linux")
                .root("unshare -n and nft need root")
                .require();
    }

    @Test
    void aDroppedPortIsFilteredAfterBothTriesAndNoLater() throws Exception {
        Path rules = Files.writeString(dir.resolve("drop.nft"), """
                table inet jwrap_scan_test {
                  chain input {
                    type filter hook input priority 0; policy accept;
                    tcp dport %d drop
                  }
                }
                """.formatted(DROPPED));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String inside = "ip link set lo up && nft -f \"$1\" && exec \"$2\" --enable-native-access=ALL-UNNAMED -cp \"$3\" "
                + FilteredScanMain.class.getName() + " " + DROPPED + " " + CLOSED;
        ProcessBuilder p = new ProcessBuilder(UNSHARE.toString(), "-n", "sh", "-c", inside, "sh", rules.toString(), java,
                System.getProperty("java.class.path"))
                .redirectErrorStream(true);
        ChildProcess.Outcome run = ChildProcess.run(p, Duration.ofMinutes(1));
        String out = run.stdout();
        assertThat(run.status()).as(out).isZero();
        String[] result = out.strip().lines().reduce((a, b) -> b).orElse("").split(" ");
        assertThat(result[0]).as(out).isEqualTo("filtered");
        assertThat(result[1]).isEqualTo("no-response");
        assertThat(Long.parseLong(result[2])).as("ms for the dropped port (both tries wait the initial timeout)")
                .isBetween(ScanTiming.LOOPBACK.initialTimeoutMs() * (ScanTiming.LOOPBACK.retries() + 1L), BOUND_MS);
    }
}
