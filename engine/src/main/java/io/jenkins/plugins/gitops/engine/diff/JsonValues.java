package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Value semantics for comparing Kubernetes trees: numbers are equal when their values are equal whatever Jackson
 * node type holds them ({@code IntNode 3} equals {@code LongNode 3} and {@code DoubleNode 3.0}), which is exactly
 * the kind of difference a YAML printer hides. Also renders short, human summaries of values for field differences.
 */
final class JsonValues {

    private static final int MAX_SUMMARY = 80;

    private JsonValues() {}

    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!same(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.getNodeType() == b.getNodeType() && a.equals(b);
    }

    /** Empty map, empty list or null: Kubernetes treats these like an absent field. */
    static boolean isEmpty(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || ((n.isObject() || n.isArray()) && n.isEmpty());
    }

    /**
     * Does a value Git declares match an absent live field? Empty maps and lists, and the zero values ({@code ""},
     * {@code false}, {@code 0}) that the API server omits for {@code omitempty} fields.
     */
    static boolean absentInCluster(JsonNode n) {
        return isEmpty(n)
                || n.isTextual() && n.asText().isEmpty()
                || n.isBoolean() && !n.asBoolean()
                || n.isNumber() && n.decimalValue().signum() == 0;
    }

    /** A one-line summary: scalars as JSON ({@code "nginx:1.25"}, {@code 3}), containers by size. */
    static String summary(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "(absent)";
        }
        if (n.isObject()) {
            return n.isEmpty() ? "{}" : "{" + n.size() + (n.size() == 1 ? " field}" : " fields}");
        }
        if (n.isArray()) {
            return n.isEmpty() ? "[]" : "[" + n.size() + (n.size() == 1 ? " item]" : " items]");
        }
        String s = n.toString();
        return s.length() <= MAX_SUMMARY ? s : s.substring(0, MAX_SUMMARY - 3) + "...";
    }

    static String typeName(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case OBJECT, POJO -> "map";
            case ARRAY -> "list";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
