package dev.jwrap.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.TableFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden outputs for a prepared root with every kind of pattern. The nftables golden is also
 * checked by the real nft in {@code NftablesIT}; pf has no validator on Linux, so its golden is
 * the only check. Set {@code -Djwrap.golden.write=DIR} to write fresh outputs there for review.
 */
class ExportGoldenTest {

    private static final String[] FILES = {"hosts.allow", "hosts.deny", "inetd.conf", "services", "clients.list"};

    @TempDir
    Path dir;

    @Test
    void nftablesMatchesTheGolden() throws IOException {
        check("nftables.golden", plan -> new NftablesWriter(false).write(plan));
    }

    @Test
    void pfMatchesTheGolden() throws IOException {
        check("pf.golden", plan -> new PfWriter(false).write(plan));
    }

    @Test
    void dropMakesDenyRulesSilent() throws IOException {
        ExportPlan plan = plan(root());
        assertThat(new NftablesWriter(true).write(plan)).contains("tcp dport { 21, 22, 514 } drop", "udp dport 69 drop")
                .doesNotContain("reject");
        assertThat(new PfWriter(true).write(plan)).contains("block drop in quick").doesNotContain("block return");
    }

    private void check(String golden, Function<ExportPlan, String> writer) throws IOException {
        String actual = writer.apply(plan(root())).replace(dir.toString(), "ROOT");
        String write = System.getProperty("jwrap.golden.write");
        if (write != null) {
            Files.writeString(Path.of(write, golden), actual);
        }
        assertThat(actual).isEqualTo(resource(golden));
    }

    /** The fixture copied to a temp root, with the client-list file named by its real path. */
    Path root() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        for (String name : FILES) {
            String text = resource("root/etc/" + name).replace("@LIST@", etc.resolve("clients.list").toString());
            Files.writeString(etc.resolve(name), text);
        }
        return dir;
    }

    static ExportPlan plan(Path root) {
        Path etc = root.resolve("etc");
        AccessPolicy policy = AccessPolicy.load(new TableFile("hosts.allow", etc.resolve("hosts.allow")),
                new TableFile("hosts.deny", etc.resolve("hosts.deny")));
        return ExportPlan.of(policy.allowTable(), policy.denyTable(),
                ServicePorts.read(root).with("sshd", new Port("tcp", 22)));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ExportGoldenTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
