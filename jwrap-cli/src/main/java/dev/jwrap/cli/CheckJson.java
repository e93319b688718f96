package dev.jwrap.cli;

import dev.jwrap.core.check.Finding;
import dev.jwrap.core.check.PolicyCheck;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.tools.InetdConf;
import dev.jwrap.core.tools.TcpdChk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@code jwrap check} report as JSON: {@code exitStatus}, {@code inetConf},
 * {@code services} (inetd.conf entries and whether tcpd wraps them), {@code rules} (what
 * {@code -v} lists), {@code findings} (everything, classified) and {@code tcpdchk} (tcpdchk's own
 * messages, as Debian logs them).
 */
final class CheckJson {

    private CheckJson() {}

    static String render(PolicyCheck.Report report) {
        TcpdChk.Result r = report.tcpdchk();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("exitStatus", report.exitStatus());
        if (r.error() != null) {
            root.put("error", r.error());
        }
        root.put("inetConf", r.inetd().name());
        root.put("services", services(r.inetd()));
        root.put("unreadableTables", r.unreadableTables());
        root.put("rules", rules(r));
        root.put("findings", findings(report.findings()));
        List<String> tcpdchk = new ArrayList<>();
        for (Diagnostic d : report.diagnostics()) {
            tcpdchk.add(d.toSyslogText());
        }
        root.put("tcpdchk", tcpdchk);
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static List<Object> services(InetdConf.Loaded inetd) {
        List<Object> out = new ArrayList<>();
        for (InetdConf.Entry e : inetd.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", e.line());
            m.put("service", e.service());
            m.put("protocol", e.protocol());
            m.put("path", e.path());
            m.put("process", e.processName());
            m.put("wrapped", switch (e.wrapping()) {
                case WRAPPED -> "yes";
                case NOT_WRAPPED -> "no";
                case MAYBE -> "maybe";
            });
            out.add(m);
        }
        return out;
    }

    private static List<Object> rules(TcpdChk.Result r) {
        List<Object> out = new ArrayList<>();
        for (TcpdChk.RuleListing rule : r.rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", rule.file());
            m.put("line", rule.line());
            m.put("daemons", rule.daemons());
            m.put("clients", rule.clients());
            m.put("access", rule.granted() ? "granted" : "denied");
            out.add(m);
        }
        return out;
    }

    private static List<Object> findings(List<Finding> findings) {
        List<Object> out = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", f.severity().word());
            m.put("code", f.code().id());
            m.put("file", f.file());
            m.put("line", f.line());
            m.put("message", f.message());
            out.add(m);
        }
        return out;
    }
}
