package dev.jwrap.cli;

import dev.jwrap.core.Decision;
import dev.jwrap.core.tools.TcpdMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Renders a {@code jwrap match} answer as JSON (one object; {@code blocks} per client address). */
final class MatchJson {

    private MatchJson() {}

    static String render(TcpdMatch.Result result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("exitStatus", result.exitStatus());
        if (result.error() != null) {
            root.put("error", result.error());
        }
        List<Object> blocks = new ArrayList<>();
        for (TcpdMatch.Block block : result.blocks()) {
            Map<String, Object> b = new LinkedHashMap<>();
            for (String[] field : block.fields()) {
                b.put(field[0], field[1]);
            }
            Decision d = block.decision();
            if (d != null) {
                b.put("access", d.verdict().word());
                d.deciding().ifPresent(rule -> b.put("rule", Map.of("file", rule.file(), "line", rule.line(), "text", rule.text())));
                List<Object> options = new ArrayList<>();
                for (Decision.AppliedOption o : d.options()) {
                    options.add(Map.of("option", o.keyword(), "value", o.value()));
                }
                b.put("options", options);
                if (d.error() != null) {
                    b.put("error", d.error());
                }
                if (d.twistCommand() != null) {
                    b.put("twist", d.twistCommand());
                }
            } else {
                b.put("error", "expansion too long");
            }
            if (!block.explanation().isEmpty()) {
                b.put("explanation", block.explanation());
            }
            blocks.add(b);
        }
        root.put("blocks", blocks);
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
