package dev.sandboxer.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks JSON values against the JSON Schema subset openapi.yaml uses: local {@code $ref}, {@code type} (one
 * or a list, so {@code [string, "null"]} is nullable), {@code required}, {@code properties},
 * {@code additionalProperties} (false or a schema), {@code items}, {@code minItems}, {@code enum},
 * {@code pattern} and {@code format: date-time}. A keyword it does not know fails the check, so the document
 * cannot quietly grow beyond what is verified.
 */
final class SchemaCheck {
    private static final List<String> KNOWN = List.of("$ref", "type", "required", "properties",
            "additionalProperties", "items", "minItems", "enum", "pattern", "format", "description", "examples",
            "minimum", "maximum", "default");

    private final JsonNode document;

    SchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** Every way {@code value} breaks {@code schema}; empty when it conforms. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local refs are supported: " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("dangling ref " + ref);
            }
        }
        return current;
    }

    private void check(JsonNode value, JsonNode schemaOrRef, String at, List<String> problems) {
        JsonNode schema = resolve(schemaOrRef);
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!KNOWN.contains(keyword)) {
                problems.add(at + ": schema keyword '" + keyword + "' is not checked");
            }
        }
        if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
            problems.add(at + ": " + kind(value) + " is not " + schema.get("type"));
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value) || (option.isNull() && value.isNull());
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText())
                    .find()) {
                problems.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
            }
            if ("date-time".equals(schema.path("format").asText())) {
                try {
                    Instant.parse(value.asText());
                } catch (DateTimeParseException e) {
                    problems.add(at + ": '" + value.asText() + "' is not a date-time");
                }
            }
        }
        if (value.isObject()) {
            checkObject(value, schema, at, problems);
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(at + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
                }
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String at, List<String> problems) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(at + ": required '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String where = at + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), where, problems);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                problems.add(where + ": not in the schema");
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, where, problems);
            }
        }
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (typeMatches(value, option)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
