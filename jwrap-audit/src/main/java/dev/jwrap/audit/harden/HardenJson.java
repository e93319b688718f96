package dev.jwrap.audit.harden;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link HardenResult} as JSON, schema {@code jwrap.harden/1}: the output of {@code jwrap harden
 * --format json} and, unchanged, the {@code harden} member of an audit report with a harden preview
 * (documented in {@code docs/audit.schema.json} under {@code properties.harden}). Snake_case names,
 * every member always present. Stateless.
 */
public final class HardenJson {

    private HardenJson() {}

    /** The result as pretty-printed JSON with a final newline. */
    public static String render(HardenResult r) {
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(tree(r)) + "\n";
    }

    /** The result as nested maps and lists, for embedding in another JSON document. */
    public static Map<String, Object> tree(HardenResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", HardenResult.SCHEMA);
        m.put("root", r.root());
        m.put("mode", r.mode());
        m.put("status", r.status());
        m.put("pending", r.pending());
        List<Object> changes = r.changes().stream().<Object>map(c -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", c.file());
            f.put("existed", c.existed());
            f.put("diff", c.diff());
            return f;
        }).toList();
        m.put("changes", changes);
        m.put("notices", r.notices());
        m.put("advice", r.advice());
        m.put("reload", r.reload());
        m.put("messages", r.messages());
        m.put("errors", r.errors());
        return m;
    }
}
