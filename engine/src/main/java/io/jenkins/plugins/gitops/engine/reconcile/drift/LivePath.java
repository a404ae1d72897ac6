package io.jenkins.plugins.gitops.engine.reconcile.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.diff.ManagedFieldKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field path followed through a live object as far as the live object goes. Each resolved step remembers the live
 * node it reached (and its list position), which is what a {@code fieldsV1} list key ({@code k:{"name":"web"}},
 * {@code v:"x"}, {@code i:2}) is matched against. A path that does not resolve to the end names a field that is in
 * Git but not in the cluster.
 *
 * <p>Invariant: {@link #resolved()} is at most the number of steps; step {@code i < resolved()} has a live node.
 */
final class LivePath {

    /**
     * Key fields the API server defaults, so the diff leaves them out of {@code [containerPort=80]} when they hold the
     * default (the diff package's ListKey table, Kubernetes' {@code protocol: TCP} default).
     */
    private static final Map<String, String> KEY_DEFAULTS = Map.of("protocol", "TCP");

    private final List<PathStep> steps;
    private final List<JsonNode> nodes = new ArrayList<>();
    private final List<Integer> positions = new ArrayList<>();

    private LivePath(List<PathStep> steps) {
        this.steps = steps;
    }

    /** Follows {@code steps} from {@code root} (null when the object itself is gone). */
    static LivePath resolve(JsonNode root, List<PathStep> steps) {
        LivePath p = new LivePath(steps);
        JsonNode current = root;
        for (PathStep step : steps) {
            if (current == null) {
                break;
            }
            int position = -1;
            JsonNode next = null;
            if (current.isObject() && (step.kind() == PathStep.Kind.FIELD || step.kind() == PathStep.Kind.QUOTED)) {
                next = current.get(step.text());
            } else if (current.isArray()) {
                position = find(current, step);
                next = position < 0 ? null : current.get(position);
            }
            if (next == null || next.isMissingNode()) {
                break;
            }
            p.nodes.add(next);
            p.positions.add(position);
            current = next;
        }
        return p;
    }

    List<PathStep> steps() {
        return steps;
    }

    /** How many steps the live object has. */
    int resolved() {
        return nodes.size();
    }

    boolean complete() {
        return nodes.size() == steps.size();
    }

    /**
     * The child of a {@code fieldsV1} node for step {@code i} (which must be resolved): {@code f:<name>} under an
     * object, or the list key naming the live element under a list; null when the field set does not have it.
     */
    JsonNode fieldsChild(JsonNode fieldsNode, int i) {
        if (positions.get(i) < 0) {
            return fieldsNode.get("f:" + steps.get(i).text());
        }
        JsonNode element = nodes.get(i);
        int position = positions.get(i);
        for (Map.Entry<String, JsonNode> e : fieldsNode.properties()) {
            if (ManagedFieldKeys.names(e.getKey(), element, position)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static int find(JsonNode list, PathStep step) {
        return switch (step.kind()) {
            case INDEX -> {
                int i = Integer.parseInt(step.text());
                yield i >= 0 && i < list.size() ? i : -1;
            }
            case QUOTED -> firstMatch(list, el -> el.isTextual() && el.asText().equals(step.text()));
            case SCALAR -> firstMatch(list, el -> el.isValueNode() && el.toString().equals(step.text()));
            case KEY -> findByKey(list, step.key());
            case FIELD -> -1;
        };
    }

    /**
     * The element whose key fields hold the rendered values; when several do (the path left out a defaulted key
     * field), the one holding the default for the fields the path left out.
     */
    private static int findByKey(JsonNode list, Map<String, String> key) {
        int first = -1;
        for (int i = 0; i < list.size(); i++) {
            JsonNode el = list.get(i);
            if (!el.isObject() || !key.entrySet().stream().allMatch(k -> holds(el, k.getKey(), k.getValue()))) {
                continue;
            }
            boolean defaultsHeld = KEY_DEFAULTS.entrySet().stream()
                    .allMatch(d -> key.containsKey(d.getKey()) || holds(el, d.getKey(), d.getValue()));
            if (defaultsHeld) {
                return i;
            }
            first = first < 0 ? i : first;
        }
        return first;
    }

    private static boolean holds(JsonNode element, String field, String rendered) {
        JsonNode v = element.get(field);
        if (v == null || v.isNull()) {
            return rendered.equals(KEY_DEFAULTS.get(field));
        }
        if (v.isTextual()) {
            return v.asText().equals(rendered);
        }
        if (v.isNumber()) {
            try {
                return v.decimalValue().compareTo(new BigDecimal(rendered)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return v.toString().equals(rendered);
    }

    private static int firstMatch(JsonNode list, java.util.function.Predicate<JsonNode> test) {
        for (int i = 0; i < list.size(); i++) {
            if (test.test(list.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
