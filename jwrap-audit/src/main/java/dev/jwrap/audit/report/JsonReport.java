package dev.jwrap.audit.report;

import dev.jwrap.audit.harden.HardenJson;
import dev.jwrap.audit.harden.HardenResult;
import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.inventory.ProcessInfo;
import dev.jwrap.audit.kb.Severity;
import dev.jwrap.audit.review.AuditReport;
import dev.jwrap.audit.review.ConfiguredService;
import dev.jwrap.audit.review.Finding;
import dev.jwrap.audit.review.JudgedListener;
import dev.jwrap.audit.scan.ScanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders an {@link AuditReport} as JSON, schema {@code jwrap.audit/1} (documented in
 * {@code docs/audit.schema.json}): snake_case names, {@code null} for known-but-empty values, arrays in
 * the report's deterministic order. Within {@code /1} fields and enum values may be added; a removal
 * or a change of meaning moves to {@code /2}. Stateless.
 */
public final class JsonReport {

    /** The schema identifier written into every report. */
    public static final String SCHEMA = "jwrap.audit/1";

    private JsonReport() {}

    /**
     * The report as pretty-printed JSON.
     *
     * @param version jwrap's version
     * @param generated the time to record, or null to leave {@code generated} out (diffable output)
     * @param exitCode the exit status the command returns
     */
    public static String render(AuditReport r, String version, Instant generated, int exitCode) {
        return render(r, version, generated, exitCode, null);
    }

    /**
     * The report with a harden preview: what {@code jwrap harden --dry-run} would change, in the
     * {@code harden} member ({@code null} when {@code preview} is).
     */
    public static String render(AuditReport r, String version, Instant generated, int exitCode, HardenResult preview) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("tool", ordered("name", "jwrap", "version", version));
        if (generated != null) {
            root.put("generated", generated.toString());
        }
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("root", r.root());
        host.put("live", r.live());
        host.put("limitations", r.limitations());
        root.put("host", host);
        root.put("listeners", r.listeners().stream().map(JsonReport::listener).toList());
        List<Object> services = new ArrayList<>();
        for (int i = 0; i < r.services().size(); i++) {
            services.add(service("S" + (i + 1), r.services().get(i), r));
        }
        root.put("services", services);
        Map<String, Object> access = new LinkedHashMap<>();
        List<AccessListing.Table> tables = AccessListing.read(java.nio.file.Path.of(r.root()));
        access.put("hosts_allow", ordered("file", "/etc/hosts.allow", "present", r.allowPresent(), "rules", tables.get(0).rules()));
        access.put("hosts_deny", ordered("file", "/etc/hosts.deny", "present", r.denyPresent(), "rules", tables.get(1).rules()));
        access.put("default_deny", r.defaultDeny());
        root.put("access", access);
        root.put("rpc", r.rpc().stream().map(JsonReport::rpc).toList());
        root.put("scan", r.scans().isEmpty() ? null : Map.of("results", r.scans().stream().map(x -> scan(x, r)).toList()));
        List<Object> findings = new ArrayList<>();
        for (int i = 0; i < r.findings().size(); i++) {
            findings.add(finding("F" + (i + 1), r.findings().get(i)));
        }
        root.put("findings", findings);
        root.put("harden", preview == null ? null : HardenJson.tree(preview));
        Map<String, Object> counts = new LinkedHashMap<>();
        r.counts().forEach((s, n) -> counts.put(s.word(), n));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("listeners", r.listeners().size());
        summary.put("exposed", r.exposed());
        summary.put("findings", counts);
        summary.put("exit_code", exitCode);
        root.put("summary", summary);
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static Map<String, Object> listener(JudgedListener j) {
        Listener l = j.listener();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("proto", l.transport().word());
        m.put("family", l.family());
        m.put("socket_family", l.socket().ipv6Socket() ? "ipv6" : "ipv4");
        m.put("mapped", l.socket().mapped());
        // RFC 5952 text (::1, not 0:0:0:0:0:0:0:1), as ss and the text report print it
        m.put("address", l.address() instanceof java.net.Inet4Address ? l.address().getHostAddress()
                : dev.jwrap.core.internal.AddressText.formatV6(l.address().getAddress()));
        m.put("port", l.port());
        m.put("state", l.socket().state().name());
        m.put("exposure", l.exposure().word());
        m.put("dual_stack", l.dualStack());
        m.put("inode", l.socket().inode());
        m.put("uid", l.socket().uid());
        m.put("user", l.user());
        m.put("owner", l.owner() == null ? null : process(l.owner()));
        m.put("owner_unknown", l.ownerUnknown());
        m.put("holders", l.holders().size());
        m.put("via", j.via());
        m.put("service", j.serviceName() == null ? null : ordered("name", j.serviceName(), "source", j.serviceSource()));
        m.put("kb", j.kb() == null ? null : j.kb().ref().substring(3));
        return m;
    }

    private static Map<String, Object> rpc(dev.jwrap.audit.review.RpcRegistration r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", r.mapping().program());
        m.put("name", r.name());
        m.put("version", r.mapping().version());
        m.put("proto", r.mapping().transport());
        m.put("port", r.mapping().port());
        m.put("kb", r.kb() == null ? null : r.kb().ref().substring(3));
        return m;
    }

    private static Map<String, Object> scan(ScanResult s, AuditReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", dev.jwrap.core.internal.AddressText.format(s.target()));
        m.put("ports", s.ports().toString());
        m.put("duration_ms", s.nanos() / 1_000_000);
        List<Object> open = new ArrayList<>();
        for (int port : s.open()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("port", port);
            o.put("proto", "tcp");
            o.put("service", r.listeners().stream()
                    .filter(j -> j.listener().port() == port && j.serviceName() != null)
                    .map(JudgedListener::serviceName).findFirst().orElse(null));
            open.add(o);
        }
        m.put("open", open);
        List<Object> filtered = new ArrayList<>();
        s.filtered().forEach((port, why) -> filtered.add(ordered("port", port, "reason", why)));
        m.put("filtered", filtered);
        m.put("closed_count", s.closed());
        return m;
    }

    private static Map<String, Object> process(ProcessInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", p.pid());
        m.put("ppid", p.ppid());
        m.put("comm", p.comm());
        m.put("exe", p.exe());
        m.put("cmdline", p.cmdline());
        m.put("uid", p.uid());
        m.put("unit", p.unit());
        m.put("title_rewritten", p.titleRewritten());
        return m;
    }

    private static Map<String, Object> service(String id, ConfiguredService s, AuditReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", s.kind());
        m.put("file", s.file());
        m.put("line", s.line());
        m.put("name", s.name());
        m.put("enabled", true);
        m.put("proto", s.transport());
        m.put("port", s.port() < 0 ? null : s.port());
        m.put("server", s.server());
        m.put("daemon", s.daemon());
        m.put("wrapped", s.wrapped());
        m.put("restricted", s.restricted());
        m.put("listener", r.listeners().stream().filter(j -> j.config() == s).map(JudgedListener::id).findFirst().orElse(null));
        return m;
    }

    private static Map<String, Object> finding(String id, Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("check", f.check());
        m.put("severity", f.severity().word());
        m.put("title", f.title());
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("service", f.service());
        subject.put("file", f.file());
        subject.put("line", f.line() == 0 ? null : f.line());
        m.put("subject", subject);
        m.put("why", f.why());
        m.put("recommendation", f.recommendation());
        m.put("fix", f.fix());
        m.put("refs", f.refs());
        return m;
    }

    /**
     * A JSON object with its members in the order given: {@code Map.of} iterates in an order that
     * changes from one JVM to the next, which would make two runs' outputs differ.
     */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }
}
