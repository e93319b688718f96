package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.cli.testing.HostTools;
import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwrap scan} in a private network namespace (spec §9.2 items 9 and 11): openbsd-inetd, and
 * then jwrap inetd, serve echo and daytime over TCP and UDP and discard over UDP, and an nft rule
 * drops TCP port 9999. The dropped port must be {@code filtered}; the UDP probes must find echo and daytime open,
 * discard silent, the unserved built-ins closed; {@code --expect} must hold. (The time bound of a
 * filtered port is FilteredPortIT's, in jwrap-audit.) Needs root, unshare and nft (and
 * openbsd-inetd for its case): skipped without them, failed under {@code CI=true}.
 */
class ScanNamespaceIT {

    private static final Path UNSHARE = Path.of("/usr/bin/unshare");
    private static final Path NFT = Path.of("/usr/sbin/nft");
    private static final Path INETD = Path.of("/usr/sbin/inetd");
    private static final int DROPPED = 9999;
    /**
     * The namespace's own address (on its loopback interface): openbsd-inetd ignores datagrams from
     * 127.0.0.0/8 (they could be forged to make two built-ins talk to each other forever), so the UDP
     * probes go to an own address, which needs no flag either.
     */
    private static final String OWN_ADDRESS = "192.0.2.1";

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTools() {
        Prerequisites.of("namespace scan tests")
                .executable(UNSHARE, "apt-get install util-linux")
                .executable(NFT, "apt-get install nftables")
                .root("network namespaces and nft need root")
                .require();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openbsd-inetd", "jwrap inetd"})
    void aDroppedPortIsFiltered_andUdpProbesTellOpenSilentAndClosed(String server) throws IOException {
        if (server.equals("openbsd-inetd")) {
            Prerequisites.of("namespace scan tests with openbsd-inetd").executable(INETD, "apt-get install openbsd-inetd").require();
        }
        Path rules = Files.writeString(dir.resolve("drop.nft"), """
                table inet jwrap_scan_test {
                  chain input {
                    type filter hook input priority 0; policy accept;
                    tcp dport %d drop
                  }
                }
                """.formatted(DROPPED));
        Path conf = Files.writeString(dir.resolve("inetd.conf"), """
                echo\tstream\ttcp\tnowait\troot\tinternal
                echo\tdgram\tudp\twait\troot\tinternal
                daytime\tstream\ttcp\tnowait\troot\tinternal
                daytime\tdgram\tudp\twait\troot\tinternal
                discard\tdgram\tudp\twait\troot\tinternal
                """);
        Path script = dir.resolve("scan-in-netns.sh");
        try (InputStream in = ScanNamespaceIT.class.getResourceAsStream("scan-in-netns.sh")) {
            Files.write(script, in.readAllBytes());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        String serverCommand = server.equals("openbsd-inetd") ? INETD + " -i '" + conf + "'"
                : "exec '" + java + "' --enable-native-access=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
                        + " -cp '" + classPath + "' " + Main.class.getName() + " inetd -i '" + conf + "'";
        List<String> command = new ArrayList<>(List.of(UNSHARE.toString(), "-n", "-p", "-f", "--kill-child",
                "sh", script.toString(), rules.toString(), serverCommand));
        command.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath, Main.class.getName(),
                "scan", OWN_ADDRESS, "-p", "7,13," + DROPPED, "--udp", "--expect", "7,13"));

        ChildProcess.Outcome run = HostTools.run(Map.of(), command);

        assertThat(run.status()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).contains(
                line("7/tcp", "open"), line("13/tcp", "open"), line(DROPPED + "/tcp", "filtered"),
                udp("7/udp", "open", "echo"), udp("9/udp", "open|filtered", "discard"), udp("13/udp", "open", "daytime"),
                udp("19/udp", "closed", "chargen"), udp("37/udp", "closed", "time"), udp("123/udp", "closed", "ntp"));
        assertThat(run.stdout()).contains("jwrap scan report for " + OWN_ADDRESS);
    }

    private static String line(String port, String state) {
        return String.format("%-9s %-8s ", port, state);
    }

    private static String udp(String port, String state, String service) {
        return String.format("%-9s %-13s %s%n", port, state, service);
    }

}
