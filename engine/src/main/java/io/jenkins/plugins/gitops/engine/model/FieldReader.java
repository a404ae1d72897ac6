package io.jenkins.plugins.gitops.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads typed fields from a YAML tree while remembering the field path, so every type error names the exact field
 * ({@code spec.syncPolicy.retry.limit: must be an integer}). Errors are collected, not thrown, so one pass reports
 * every problem of a document.
 */
final class FieldReader {

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;

    FieldReader(JsonNode node, String path, List<FieldError> errors) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.errors = errors;
    }

    static FieldReader root(JsonNode node, List<FieldError> errors) {
        return new FieldReader(node, "", errors);
    }

    String path() {
        return path;
    }

    JsonNode node() {
        return node;
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    String childPath(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    FieldReader child(String field) {
        JsonNode c = node.isObject() ? node.get(field) : null;
        FieldReader r = new FieldReader(c, childPath(field), errors);
        if (r.present() && !r.node.isObject()) {
            error(r.path, "must be a mapping");
            return new FieldReader(null, r.path, errors);
        }
        return r;
    }

    void error(String at, String message) {
        errors.add(new FieldError(at, message));
    }

    String string(String field, String def) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isValueNode()) {
            error(childPath(field), "must be a string");
            return def;
        }
        return v.asText();
    }

    String requiredString(String field) {
        String v = string(field, null);
        if (v == null || v.isBlank()) {
            if (!errorsMention(childPath(field))) {
                error(childPath(field), "is required");
            }
            return "";
        }
        return v;
    }

    private boolean errorsMention(String p) {
        return errors.stream().anyMatch(e -> e.path().equals(p));
    }

    boolean bool(String field, boolean def) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && ("true".equals(v.asText()) || "false".equals(v.asText()))) {
            return Boolean.parseBoolean(v.asText());
        }
        error(childPath(field), "must be true or false");
        return def;
    }

    Integer integer(String field, Integer def) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (v.canConvertToInt() && v.isIntegralNumber()) {
            return v.intValue();
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        error(childPath(field), "must be an integer");
        return def;
    }

    List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            error(childPath(field), "must be a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isValueNode()) {
                error(childPath(field) + "[" + i + "]", "must be a string");
            } else {
                out.add(e.asText());
            }
        }
        return List.copyOf(out);
    }

    Map<String, String> stringMap(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            error(childPath(field), "must be a mapping of strings");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) {
                error(childPath(field) + "." + e.getKey(), "must be a string");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Each element of a list of mappings, converted with its own reader (path {@code field[i]}). */
    <T> List<T> list(String field, Function<FieldReader, T> convert) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            error(childPath(field), "must be a list");
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String p = childPath(field) + "[" + i + "]";
            JsonNode e = v.get(i);
            if (!e.isObject()) {
                error(p, "must be a mapping");
                continue;
            }
            out.add(convert.apply(new FieldReader(e, p, errors)));
        }
        return List.copyOf(out);
    }
}
