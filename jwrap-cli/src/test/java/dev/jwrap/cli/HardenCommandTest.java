package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.jwrap.cli.testing.SchemaSubset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwrap harden} end to end on a prepared tree, then {@code jwrap audit} of the result. */
class HardenCommandTest {

    private static final String INPUT = "# small test host\n"
            + "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd\n"
            + "chargen\tdgram\tudp\twait\troot\tinternal\n";

    @TempDir
    Path dir;

    private CliRun cli;

    private int run(String... args) {
        if (cli == null) {
            cli = new CliRun(dir);
        }
        return cli.run(args);
    }

    @Test
    void dryRun_apply_audit_undo() throws IOException {
        Files.createDirectories(dir.resolve("tree/etc"));
        Files.writeString(dir.resolve("tree/etc/inetd.conf"), INPUT);
        Files.writeString(dir.resolve("tree/etc/hosts.allow"), "");
        Files.writeString(dir.resolve("tree/etc/hosts.deny"), "");

        assertThat(run("audit", "--root", "tree")).isEqualTo(1);
        assertThat(run("harden", "--root", "tree", "--dry-run", "--now", "2026-11-23")).isEqualTo(1);
        assertThat(cli.out()).contains("+++ b/etc/inetd.conf", "+ALL: ALL");
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);

        assertThat(run("harden", "--root", "tree", "--now", "2026-11-23")).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf")))
                .contains("# disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text\n#telnet");
        assertThat(run("audit", "--root", "tree")).as(cli.out()).isEqualTo(0);

        assertThat(run("harden", "--root", "tree", "--undo")).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);
    }

    @Test
    void badArguments_areOneLineAndExitTwo() {
        assertThat(run("harden", "--root", ".", "--allow-from", "example.com")).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("jwrap harden: --allow-from: not a numeric address or network: example.com\n");
        assertThat(run("harden", "--root", ".", "--now", "23.11.2026")).isEqualTo(2);
        assertThat(run("harden", "--root", "missing")).isEqualTo(2);
        assertThat(cli.err()).endsWith("missing: no such directory\n");
        assertThat(run("harden", "--root", ".", "-o", "x.json")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("jwrap harden: -o FILE is for --format json or html\n");
        assertThat(run("harden", "--root", ".", "--reload")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("jwrap harden: --reload signals the super-servers running on this host: not with --root\n");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The harden object of the audit schema: what --format json writes. */
    private static JsonNode hardenSchema() throws IOException {
        return JSON.readTree(Files.readString(Path.of("../docs/audit.schema.json"))).at("/properties/harden");
    }

    private void tree() throws IOException {
        Files.createDirectories(dir.resolve("tree/etc"));
        Files.writeString(dir.resolve("tree/etc/inetd.conf"), INPUT);
        Files.writeString(dir.resolve("tree/etc/hosts.deny"), "");
    }

    @Test
    void json_dryRunApplyAndUndo_fitTheSchema() throws IOException {
        tree();
        assertThat(run("harden", "--root", "tree", "--dry-run", "--now", "2026-11-23", "--format", "json")).isEqualTo(1);
        JsonNode dry = JSON.readTree(cli.out());
        assertThat(SchemaSubset.violations(hardenSchema(), dry)).isEmpty();
        assertThat(dry.get("schema").asString()).isEqualTo("jwrap.harden/1");
        assertThat(dry.get("mode").asString()).isEqualTo("dry-run");
        assertThat(dry.get("status").asInt()).isEqualTo(1);
        assertThat(dry.at("/changes/0/file").asString()).isEqualTo("/etc/inetd.conf");
        assertThat(dry.at("/changes/0/diff").asString()).startsWith("--- a/etc/inetd.conf\n+++ b/etc/inetd.conf\n@@ ");
        assertThat(dry.at("/changes/1/file").asString()).isEqualTo("/etc/hosts.deny");
        assertThat(dry.get("advice").toString()).contains("reload: kill -HUP $(cat /run/inetd.pid)");
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);

        assertThat(run("harden", "--root", "tree", "--now", "2026-11-23", "--format", "json", "-o", "applied.json")).isZero();
        assertThat(cli.out()).isEmpty();
        JsonNode applied = JSON.readTree(Files.readString(dir.resolve("applied.json")));
        assertThat(SchemaSubset.violations(hardenSchema(), applied)).isEmpty();
        assertThat(applied.get("mode").asString()).isEqualTo("apply");
        assertThat(applied.at("/changes/0/diff").asString()).isEqualTo(dry.at("/changes/0/diff").asString());

        assertThat(run("harden", "--root", "tree", "--format", "json")).isZero();
        JsonNode again = JSON.readTree(cli.out());
        assertThat(again.get("pending").asBoolean()).isFalse();
        assertThat(again.get("messages").toString()).contains("nothing to do");

        assertThat(run("harden", "--root", "tree", "--undo", "--format", "json")).isZero();
        JsonNode undone = JSON.readTree(cli.out());
        assertThat(SchemaSubset.violations(hardenSchema(), undone)).isEmpty();
        assertThat(undone.get("mode").asString()).isEqualTo("undo");
        assertThat(undone.get("messages").toString()).contains("restored /etc/inetd.conf");
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);
    }

    @Test
    void html_dryRun_isTheAuditReportWithTheHardenPreview() throws IOException {
        tree();
        assertThat(run("harden", "--root", "tree", "--dry-run", "--now", "2026-11-23", "--format", "html", "-o", "preview.html"))
                .isEqualTo(1);
        String html = Files.readString(dir.resolve("preview.html"));
        assertThat(html).contains("<section id=\"harden-preview\">", "<section id=\"findings\">",
                "<span class=\"add\">+# disabled by jwrap harden 2026-11-23: telnet - Passwords and sessions in clear text</span>");
        String data = html.replaceFirst("(?s).*<script type=\"application/json\" id=\"jwrap-data\">(.*?)</script>.*", "$1");
        JsonNode report = JSON.readTree(data);
        assertThat(SchemaSubset.violations(JSON.readTree(Files.readString(Path.of("../docs/audit.schema.json"))), report)).isEmpty();
        assertThat(report.at("/harden/mode").asString()).isEqualTo("dry-run");
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);

        assertThat(run("harden", "--root", "tree", "--format", "html")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("jwrap harden: --format html shows a preview: only with --dry-run\n");
        assertThat(Files.readString(dir.resolve("tree/etc/inetd.conf"))).isEqualTo(INPUT);
    }
}
