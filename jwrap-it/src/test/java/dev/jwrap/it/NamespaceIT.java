package dev.jwrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.it.CaseFile.FileEntry;
import dev.jwrap.it.CaseFile.Invocation;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the harness, not jwrap: that this JVM runs in the private namespace of src/test/ns/bin/java, that the
 * JDK (i.e. glibc, which jwrap calls too) resolves the fixture names, and that the oracle runs both
 * C tools and captures their syslog messages.
 */
class NamespaceIT {

    private static TcpdOracle oracle;

    @BeforeAll
    static void startOracle() throws IOException {
        oracle = TcpdOracle.start(Tool.values());
    }

    @AfterAll
    static void stopOracle() throws IOException {
        if (oracle != null) {
            oracle.close();
        }
    }

    @Test
    void fixtureHostsFileAnswersForwardAndReverseLookups() throws IOException {
        assertThat(InetAddress.getByName("good.example.test").getHostAddress()).isEqualTo("192.0.2.1");
        assertThat(Arrays.stream(InetAddress.getAllByName("dual.example.test")).map(InetAddress::getHostAddress))
                .containsExactlyInAnyOrder("192.0.2.30", "2001:db8:0:0:0:0:0:30");
        assertThat(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 11}).getCanonicalHostName())
                .isEqualTo("liar.example.test");
    }

    @Test
    void machineTablesAreHidden() {
        assertThat(Path.of("/etc/hosts.allow")).doesNotExist();
        assertThat(Path.of("/etc/hosts.deny")).doesNotExist();
        assertThat(Path.of("/etc/inetd.conf")).doesNotExist();
    }

    @Test
    void oracleRunsTcpdmatchInTheCaseDirectoryAndCapturesItsSyslog() throws IOException {
        assertThat(oracle.capturesSyslog()).isTrue();
        CaseFile c = new CaseFile(
                "harness",
                List.of(),
                List.of(new FileEntry("hosts.deny", "ALL: ALL".getBytes(StandardCharsets.US_ASCII))),
                List.of(new Invocation(Tool.MATCH, List.of("-d", "in.telnetd", "192.0.2.1"))));
        try (CaseDirectory dir = CaseDirectory.create(c)) {
            assertThat(Files.readString(dir.root().resolve("hosts.deny"))).isEqualTo("ALL: ALL");
            ToolRun first = oracle.run(Tool.MATCH, dir.root(), c.runs().getFirst().args());
            ToolRun second = oracle.run(Tool.MATCH, dir.root(), List.of("-d", "in.telnetd"));

            assertThat(first.exitStatus()).isZero();
            assertThat(new String(first.stdout(), StandardCharsets.US_ASCII)).contains("192.0.2.1");
            assertThat(first.syslog()).extracting(SyslogRecord::message)
                    .contains("warning: hosts.deny, line 0: missing newline or line too long");
            assertThat(second.exitStatus()).isNotZero();
            assertThat(second.stderr()).isNotEmpty();
            assertThat(second.syslog()).isEmpty();
        }
    }

    @Test
    void oracleRunsTcpdchk() throws IOException {
        CaseFile c = new CaseFile(
                "harness",
                List.of(),
                List.of(new FileEntry("hosts.allow", "ALL: 192.0.2.1\n".getBytes(StandardCharsets.US_ASCII))),
                List.of());
        try (CaseDirectory dir = CaseDirectory.create(c)) {
            ToolRun run = oracle.run(Tool.CHECK, dir.root(), List.of("-d", "-v"));

            assertThat(run.exitStatus()).isZero();
            assertThat(new String(run.stdout(), StandardCharsets.US_ASCII)).contains("hosts.allow line 1");
        }
    }
}
