package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions} with In, NotIn, Exists,
 * DoesNotExist), all of whose requirements must hold. Values are not restricted to label syntax, as in Argo CD (so a
 * selector can match a server URL parameter). An empty selector matches everything.
 */
final class LabelSelector {

    private record Requirement(String key, String operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                default -> v == null; // DoesNotExist
            };
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** Parses a selector; bad input is a {@link GeneratorException} naming the field under {@code path}. */
    static LabelSelector parse(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return EVERYTHING;
        }
        if (!node.isObject()) {
            throw new GeneratorException(path, "must be a mapping with matchLabels and/or matchExpressions");
        }
        List<Requirement> out = new ArrayList<>();
        JsonNode labels = node.get("matchLabels");
        if (labels != null && !labels.isNull()) {
            if (!labels.isObject()) {
                throw new GeneratorException(path + ".matchLabels", "must be a mapping of strings");
            }
            labels.fields().forEachRemaining(e -> out.add(new Requirement(e.getKey(), "In",
                    Set.of(e.getValue().asText()))));
        }
        JsonNode exprs = node.get("matchExpressions");
        if (exprs != null && !exprs.isNull()) {
            if (!exprs.isArray()) {
                throw new GeneratorException(path + ".matchExpressions", "must be a list");
            }
            for (int i = 0; i < exprs.size(); i++) {
                out.add(expression(exprs.get(i), path + ".matchExpressions[" + i + "]"));
            }
        }
        return new LabelSelector(out);
    }

    private static Requirement expression(JsonNode e, String path) {
        String key = e.path("key").asText("");
        String op = e.path("operator").asText("");
        if (key.isEmpty()) {
            throw new GeneratorException(path + ".key", "is required");
        }
        List<String> values = new ArrayList<>();
        e.path("values").forEach(v -> values.add(v.asText()));
        switch (op) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    throw new GeneratorException(path + ".values", "must not be empty for operator " + op);
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    throw new GeneratorException(path + ".values", "must be empty for operator " + op);
                }
            }
            default -> throw new GeneratorException(path + ".operator",
                    "must be In, NotIn, Exists or DoesNotExist, not '" + op + "'");
        }
        return new Requirement(key, op, Set.copyOf(values));
    }

    boolean isEmpty() {
        return requirements.isEmpty();
    }

    boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    /** Matches a parameter set by its string values only (Argo CD's post-generation selector). */
    boolean matchesParams(Map<String, Object> params) {
        Map<String, String> strings = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v instanceof String s) {
                strings.put(k, s);
            }
        });
        return matches(strings);
    }
}
