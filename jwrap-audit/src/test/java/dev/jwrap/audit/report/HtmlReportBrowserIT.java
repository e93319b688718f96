package dev.jwrap.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.kb.Severity;
import dev.jwrap.audit.review.AuditReport;
import dev.jwrap.core.testing.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTML report as a real browser sees it (spec §9.5 test 27): Debian's headless Chromium parses
 * the file and serialises its DOM ({@code --dump-dom}); the assertions read that DOM, not the text
 * jwrap wrote; a PDF print of it is read back with poppler's pdftotext. Without Chromium (or poppler-utils)
 * the tests are skipped, except under {@code CI=true}, where they fail.
 */
class HtmlReportBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path work;

    @BeforeAll
    static void chromiumPresent() {
        Prerequisites.of("the HTML report in a browser").executable(CHROMIUM, "apt-get install chromium").require();
    }

    @Test
    void theBrowserShowsTheReportsCountsRowsFindingsAndHostTextAsText() throws Exception {
        AuditReport r = HostileTree.audit(work.resolve("tree"));
        int exit = r.exitCode(Severity.LOW);
        Path file = work.resolve("report.html");
        Files.writeString(file, HtmlReport.render(r, "9.9", Instant.parse("2026-01-02T03:04:05Z"), exit), StandardCharsets.UTF_8);

        String dom = dumpDom(file, work.resolve("report-net.json"));

        assertThat(first(dom, "<title>(.*?)</title>")).isEqualTo("jwrap audit: " + work.resolve("tree") + " (directory tree)");
        for (Severity s : Severity.values()) {
            assertThat(Integer.parseInt(first(dom, "id=\"tile-" + s.word() + "\"><span class=\"n\">(\\d+)</span>")))
                    .as("tile %s", s.word()).isEqualTo(r.counts().get(s));
        }
        assertThat(r.counts().get(Severity.HIGH)).as("the tree has a high finding to show").isPositive();
        String exposedTable = first(dom, "(?s)<table id=\"exposed\">(.*?)</table>");
        assertThat(count(exposedTable, "<tr id=\"L")).isEqualTo(r.exposed()).isEqualTo(2);
        assertThat(exposedTable).contains("<td>23</td>", "<td>telnet</td>", "inetd: telnet", "&lt;script&gt;evil (pid 400)");
        assertThat(count(first(dom, "(?s)<table id=\"loopback\">(.*?)</table>"), "<tr id=\"L")).isEqualTo(1);
        assertThat(first(dom, "(?s)<section id=\"services\">(.*?)</section>")).contains("<td>x&lt;script&gt;y</td>");
        assertThat(dom).contains(r.findings().getFirst().title().replace("<", "&lt;").replace(">", "&gt;"))
                .contains("jwrap harden --only telnet");
        assertThat(first(dom, "<span class=\"badge no\" id=\"default-deny\">(\\w+)</span>")).isEqualTo("no");

        // the hostile process name is text, and the only script element is the inert JSON copy
        assertThat(count(dom, "<script")).isEqualTo(1);
        String data = first(dom, "(?s)<script type=\"application/json\" id=\"jwrap-data\">(.*?)</script>");
        JsonNode json = JsonMapper.builder().build().readTree(data);
        assertThat(json.at("/summary/findings/high").asInt()).isEqualTo(r.counts().get(Severity.HIGH));
        assertThat(json.at("/summary/exit_code").asInt()).isEqualTo(exit);
        assertThat(data).doesNotContain("<");
        assertThat(json.at("/listeners/1/owner/cmdline/0").asString()).isEqualTo(HostileTree.CMDLINE);

        // nothing to fetch: a content security policy that forbids it, no element that points anywhere,
        // and no request of the page's own in Chromium's network log (the browser's update and time
        // checks are there too, and vary from run to run)
        assertThat(dom).contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"")
                .doesNotContain(" src=", " href=", "<link", "<img", "<iframe");
        assertThat(requestsOfThePage(work.resolve("report-net.json"))).isEmpty();
    }

    @Test
    void theNetworkLogCheck_seesARequestThatAPageMakes() throws Exception {
        // the check above could not fail if it missed what a page fetches: a page with an image does
        Path probe = Files.writeString(work.resolve("fetching.html"),
                "<!DOCTYPE html><title>fetching</title><img src=\"http://127.0.0.1:9/probe.png\" alt=\"\">");
        dumpDom(probe, work.resolve("fetching-net.json"));
        assertThat(requestsOfThePage(work.resolve("fetching-net.json"))).containsExactly("http://127.0.0.1:9/probe.png");
    }

    @Test
    void withJavaScriptDisabled_theTilesAreTheJsonsCounts_oneRowPerExposedListener_tablesAndPreviewShown() throws Exception {
        Path tree = work.resolve("nojs-tree");
        AuditReport r = HostileTree.audit(tree);
        new dev.jwrap.audit.testing.Tree(tree).file("etc/hosts.allow", "ALL: 10.\nin.telnetd: 10.0.0.\n");
        dev.jwrap.audit.harden.HardenResult preview = dev.jwrap.audit.harden.Hardener.preview(
                dev.jwrap.audit.kb.KnowledgeBase.builtIn(), dev.jwrap.audit.harden.AdminSession.NONE, tree,
                java.time.LocalDate.parse("2026-11-23"));
        Path file = Files.writeString(work.resolve("nojs.html"), HtmlReport.render(r, "9.9", null, preview.status(), preview),
                StandardCharsets.UTF_8);

        Path probe = Files.writeString(work.resolve("probe.html"),
                "<!DOCTYPE html><title>probe</title><p id=\"x\">static</p><img src=\"probe.png\" alt=\"\"><script>document.getElementById('x').textContent='ran'</script>");
        String dom;
        HeadlessChromium.Page page;
        try (HeadlessChromium chromium = new HeadlessChromium(CHROMIUM, work.resolve("nojs.profile"))) {
            assertThat(chromium.load(probe.toUri(), true).html()).as("the probe's script runs with JavaScript on").contains(">ran</p>");
            HeadlessChromium.Page off = chromium.load(probe.toUri(), false);
            assertThat(off.html()).as("and not with it off").contains(">static</p>");
            assertThat(off.requests()).as("the request log sees a page's fetches").contains(work.resolve("probe.png").toUri().toString());
            page = chromium.load(file.toUri(), false);
            dom = page.html();
        }
        assertThat(page.requests()).as("no request but (perhaps) the file itself").allMatch(u -> u.equals(file.toUri().toString()));

        JsonNode json = JsonMapper.builder().build()
                .readTree(first(dom, "(?s)<script type=\"application/json\" id=\"jwrap-data\">(.*?)</script>"));
        for (Severity s : Severity.values()) {
            assertThat(Integer.parseInt(first(dom, "id=\"tile-" + s.word() + "\"><span class=\"n\">(\\d+)</span>")))
                    .as("tile %s", s.word()).isEqualTo(json.at("/summary/findings/" + s.word()).asInt());
        }
        int exposed = 0;
        for (JsonNode l : json.get("listeners")) {
            if (!l.get("exposure").asString().equals("loopback")) {
                exposed++;
                assertThat(dom).contains("<tr id=\"" + l.get("id").asString() + "\"><td>" + l.get("port").asInt() + "</td>");
            }
        }
        String exposedTable = first(dom, "(?s)<table id=\"exposed\">(.*?)</table>");
        assertThat(count(exposedTable, "<tr id=\"L")).isEqualTo(exposed).isEqualTo(json.at("/summary/exposed").asInt());
        assertThat(first(dom, "(?s)<table class=\"rules\" id=\"table-hosts.allow\">(.*?)</table>"))
                .containsPattern("<del title=\"[^\"]+\">in.telnetd: 10.0.0.</del>");
        assertThat(first(dom, "(?s)<section id=\"harden-preview\">(.*?)</section>"))
                .contains("<span class=\"del\">-telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd</span>");
    }

    @Test
    void printsOnA4WithTheFoldedLoopbackTableOpen() throws Exception {
        Path pdftotext = Path.of("/usr/bin/pdftotext");
        Prerequisites.of("the printed HTML report").executable(pdftotext, "apt-get install poppler-utils").require();
        AuditReport r = HostileTree.audit(work.resolve("print-tree"));
        Path file = Files.writeString(work.resolve("print.html"), HtmlReport.render(r, "9.9", null, 1), StandardCharsets.UTF_8);
        Path pdf = work.resolve("print.pdf");
        run(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
                "--user-data-dir=" + work.resolve("print.profile"), "--print-to-pdf=" + pdf, file.toUri().toString());
        String info = run("/usr/bin/pdfinfo", pdf.toString());
        assertThat(info).containsPattern("Page size: +594\\.\\d+ x 841\\.\\d+ pts \\(A4\\)");
        String text = run(pdftotext.toString(), "-layout", pdf.toString(), "-");
        assertThat(text).contains("1 loopback-only listeners").containsPattern("8081 +tcp");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command[0] + " did not finish within 90 s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The URLs (without query) of a Chromium network log; a page's own fetches show up there too. */
    /**
     * The URLs the page itself asked for: requests started on behalf of an origin. Chromium's own
     * (update, time, dictionary checks) carry the initiator "not an origin"; a file:// page's
     * requests carry its opaque origin, "null".
     */
    private static java.util.List<String> requestsOfThePage(Path netLog) throws IOException {
        JsonNode log = JsonMapper.builder().build().readTree(Files.readString(netLog, StandardCharsets.UTF_8));
        int startJob = log.at("/constants/logEventTypes/URL_REQUEST_START_JOB").asInt();
        java.util.List<String> urls = new java.util.ArrayList<>();
        for (JsonNode event : log.get("events")) {
            JsonNode params = event.path("params");
            if (event.path("type").asInt() == startJob && params.has("url")
                    && !"not an origin".equals(params.path("initiator").asString())) {
                urls.add(params.path("url").asString());
            }
        }
        return urls;
    }

    /**
     * Chromium's serialisation of the page's DOM after parsing, with its network log written to
     * {@code netLog}; a fresh profile each time, bounded by a deadline.
     */
    private static String dumpDom(Path file, Path netLog) throws IOException, InterruptedException {
        Path out = work.resolve(file.getFileName() + ".dom");
        Path err = work.resolve(file.getFileName() + ".err");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--user-data-dir=" + work.resolve(file.getFileName() + ".profile"), "--log-net-log=" + netLog,
                        "--dump-dom", file.toUri().toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 90 s");
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(dom).as("chromium exit %d, stderr: %s", p.exitValue(), Files.readString(err)).contains("</html>");
        return dom;
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the DOM", regex).isTrue();
        return m.group(1);
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
