package dev.jwrap.cli.testing;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON document against the part of JSON Schema (draft 2020-12) that jwrap's schemas use:
 * {@code type} (one or a list), {@code enum}, {@code required}, {@code properties}, {@code items},
 * {@code minimum} and {@code maximum}. Unknown keywords are ignored, so a schema that uses more is
 * checked less, never wrongly.
 */
public final class SchemaSubset {

    private SchemaSubset() {}

    /** Every violation as {@code /json/pointer: what is wrong}; empty when the document fits. */
    public static List<String> violations(JsonNode schema, JsonNode doc) {
        List<String> out = new ArrayList<>();
        check(schema, doc, "", out);
        return out;
    }

    private static void check(JsonNode schema, JsonNode doc, String at, List<String> out) {
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, doc)) {
            out.add(at + ": expected type " + type + ", found " + doc.getNodeType());
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null) {
            boolean found = false;
            for (JsonNode v : allowed) {
                found |= v.equals(doc);
            }
            if (!found) {
                out.add(at + ": " + doc + " is not one of " + allowed);
            }
        }
        if (doc.isNumber()) {
            if (schema.has("minimum") && doc.asDouble() < schema.get("minimum").asDouble()) {
                out.add(at + ": " + doc + " below minimum");
            }
            if (schema.has("maximum") && doc.asDouble() > schema.get("maximum").asDouble()) {
                out.add(at + ": " + doc + " above maximum");
            }
        }
        if (doc.isObject()) {
            for (JsonNode r : schema.path("required")) {
                if (!doc.has(r.asString())) {
                    out.add(at + ": missing required " + r.asString());
                }
            }
            JsonNode props = schema.get("properties");
            if (props != null) {
                for (String name : props.propertyNames()) {
                    if (doc.has(name)) {
                        check(props.get(name), doc.get(name), at + "/" + name, out);
                    }
                }
            }
        }
        if (doc.isArray() && schema.has("items")) {
            for (int i = 0; i < doc.size(); i++) {
                check(schema.get("items"), doc.get(i), at + "/" + i, out);
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode doc) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, doc)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asString()) {
            case "object" -> doc.isObject();
            case "array" -> doc.isArray();
            case "string" -> doc.isString();
            case "integer" -> doc.isIntegralNumber();
            case "number" -> doc.isNumber();
            case "boolean" -> doc.isBoolean();
            case "null" -> doc.isNull();
            default -> false;
        };
    }
}
