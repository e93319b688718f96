package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.cli.testing.SchemaSubset;
import dev.jwrap.core.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code jwrap audit --format json --no-timestamp} in two JVMs of their own gives the same bytes
 * (spec §6.2: diffable output; a hash map's order may change between JVMs, not within one), fits
 * the schema and counts the access tables' rules.
 */
class AuditJsonProcessIT {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path dir;

    private byte[] audit() throws IOException, InterruptedException {
        Path out = dir.resolve("out.json");
        ProcessBuilder p = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"), "dev.jwrap.cli.Main", "audit", "--root",
                        dir.resolve("tree").toString(), "--format", "json", "--no-timestamp")
                .redirectOutput(out.toFile());
        ChildProcess.Outcome run = ChildProcess.run(p, Duration.ofMinutes(1));
        assertThat(run.status()).as(run.stderr()).isEqualTo(1);
        return Files.readAllBytes(out);
    }

    @Test
    void twoProcessesWriteTheSameBytes() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("tree/etc"));
        Files.writeString(etc.resolve("inetd.conf"), "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd\n");
        Files.writeString(etc.resolve("hosts.allow"), "sshd: 192.0.2.0/24\nin.telnetd: 10.0.0.0/8 : severity auth.info\n");
        Files.writeString(etc.resolve("hosts.deny"), "ALL: ALL\n");

        byte[] first = audit();
        assertThat(audit()).isEqualTo(first);

        JsonMapper json = JsonMapper.builder().build();
        JsonNode doc = json.readTree(first);
        assertThat(SchemaSubset.violations(json.readTree(Files.readString(Path.of("../docs/audit.schema.json"))), doc)).isEmpty();
        assertThat(doc.at("/access/hosts_allow/rules").asInt()).isEqualTo(2);
        assertThat(doc.at("/access/hosts_deny/rules").asInt()).isEqualTo(1);
        assertThat(doc.get("harden").isNull()).isTrue();
    }
}
