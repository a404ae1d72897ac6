package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Parameter values as generators produce them: {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code List<Object>}, {@code Map<String, Object>} or {@code null}. Plain ({@code {{param}}}) templates see flat
 * maps of strings; Go templates see nested maps. This class converts, flattens, merges and prints such values.
 */
final class ParamValues {

    private ParamValues() {}

    /** A Jackson tree as plain Java values. */
    static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), fromJson(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(fromJson(e)));
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }

    /**
     * Flattens nested maps and lists into dotted keys ({@code a.b.c}, lists as {@code a.0}), every value as text, as
     * Argo CD's git files generator does for plain templates.
     */
    static Map<String, Object> flatten(Map<String, Object> nested) {
        Map<String, Object> out = new LinkedHashMap<>();
        nested.forEach((k, v) -> flattenInto(out, k, v));
        return out;
    }

    private static void flattenInto(Map<String, Object> out, String key, Object value) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            m.forEach((k, v) -> flattenInto(out, key + "." + k, v));
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            for (int i = 0; i < l.size(); i++) {
                flattenInto(out, key + "." + i, l.get(i));
            }
        } else {
            out.put(key, value == null ? "" : text(value));
        }
    }

    /** How a value prints inside a template (Go's {@code fmt} conventions, {@code <no value>} for missing). */
    static String text(Object v) {
        if (v == null) {
            return "<no value>";
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Map<?, ?> m) {
            return new TreeMap<>(m).entrySet().stream().map(e -> e.getKey() + ":" + text(e.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(ParamValues::text).collect(Collectors.joining(" ", "[", "]"));
        }
        return v.toString();
    }

    /** Deep copy of maps and lists (values are otherwise immutable). */
    @SuppressWarnings("unchecked")
    static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> c.put(k, copy(x)));
            return c;
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(x -> c.add(copy(x)));
            return c;
        }
        return v;
    }

    /**
     * Deep merge of {@code src} into {@code dst} (mergo semantics): nested maps merge; otherwise {@code override}
     * decides whether a value already in {@code dst} is replaced.
     */
    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> dst, Map<String, Object> src, boolean override) {
        src.forEach((k, v) -> {
            Object existing = dst.get(k);
            if (existing instanceof Map<?, ?> em && v instanceof Map<?, ?> vm) {
                Map<String, Object> merged = (Map<String, Object>) copy(em);
                deepMerge(merged, (Map<String, Object>) vm, override);
                dst.put(k, merged);
            } else if (!dst.containsKey(k) || existing == null || override) {
                dst.put(k, copy(v));
            }
        });
    }

    /** A value by dotted path: the exact key first (flat maps), else nested lookup. Null when absent. */
    static Object lookup(Map<String, Object> params, String dotted) {
        if (params.containsKey(dotted)) {
            return params.get(dotted);
        }
        Object cur = params;
        for (String part : dotted.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur;
    }

    /** A short, stable description of a parameter set for error messages (sorted, long values cut). */
    static String describe(Map<String, Object> params) {
        String s = new TreeMap<>(flatten(params)).entrySet().stream()
                .map(e -> e.getKey() + "=" + cut(String.valueOf(e.getValue()), 60))
                .collect(Collectors.joining(", ", "{", "}"));
        return cut(s, 300);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
