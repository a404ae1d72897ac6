package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * kubectl's client-side apply merge, computed as the resulting object rather than as a patch.
 *
 * <p>Inputs: {@code original} (what we applied last time, from the last-applied annotation; null when unknown),
 * {@code desired} (what Git says now) and {@code live} (what the cluster has). Rules, field by field:
 * <ul>
 *   <li>declared in {@code desired}: takes the desired value (objects merge recursively; an explicit null deletes);
 *   <li>declared in {@code original} but no longer in {@code desired}: removed (Git dropped it);
 *   <li>in {@code live} only: kept (defaults, controllers, other tools).
 * </ul>
 * Lists are atomic, except for built-in kinds where {@link MergeKeys} names a merge key: elements are then matched by
 * key and merged with the same three rules. Inputs are never modified.
 */
final class ThreeWayMerge {

    private final boolean strategic;

    private ThreeWayMerge(boolean strategic) {
        this.strategic = strategic;
    }

    /** @param strategic merge keyed lists element-wise (built-in kinds) or replace every list (custom resources) */
    static ObjectNode merge(ObjectNode original, ObjectNode desired, ObjectNode live, boolean strategic) {
        return new ThreeWayMerge(strategic).object(original, desired, live);
    }

    private ObjectNode object(ObjectNode original, ObjectNode desired, ObjectNode live) {
        ObjectNode result = live == null ? JsonNodeFactory.instance.objectNode() : live.deepCopy();
        if (original != null) {
            original.fieldNames().forEachRemaining(name -> {
                if (!desired.has(name)) {
                    result.remove(name);
                }
            });
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode want = e.getValue();
            JsonNode have = live == null ? null : live.get(name);
            JsonNode had = original == null ? null : original.get(name);
            if (want.isNull()) {
                result.remove(name);
            } else if (want.isObject() && have != null && have.isObject()) {
                result.set(name, object(asObject(had), (ObjectNode) want, (ObjectNode) have));
            } else if (want.isArray() && have != null && have.isArray() && strategic) {
                result.set(name, list(name, asArray(had), (ArrayNode) want, (ArrayNode) have));
            } else {
                result.set(name, withoutNulls(want));
            }
        }
        return result;
    }

    private JsonNode list(String field, ArrayNode original, ArrayNode desired, ArrayNode live) {
        if (MergeKeys.scalarSet(field)) {
            return scalarSet(original, desired, live);
        }
        String key = MergeKeys.keyFor(field, desired);
        if (key == null) {
            return withoutNulls(desired);
        }
        Map<JsonNode, JsonNode> had = index(original, key);
        Map<JsonNode, JsonNode> have = index(live, key);
        Set<JsonNode> wanted = new HashSet<>();
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (JsonNode want : desired) {
            JsonNode id = want.get(key);
            wanted.add(id);
            JsonNode current = have.get(id);
            result.add(current != null && current.isObject()
                    ? object(asObject(had.get(id)), (ObjectNode) want, (ObjectNode) current)
                    : withoutNulls(want));
        }
        for (JsonNode current : live) {
            JsonNode id = current.isObject() ? current.get(key) : null;
            if (id == null || (!wanted.contains(id) && !had.containsKey(id))) {
                result.add(current.deepCopy());
            }
        }
        return result;
    }

    private static JsonNode scalarSet(ArrayNode original, ArrayNode desired, ArrayNode live) {
        Set<JsonNode> had = new HashSet<>();
        if (original != null) {
            original.forEach(had::add);
        }
        ArrayNode result = desired.deepCopy();
        Set<JsonNode> seen = new HashSet<>();
        desired.forEach(seen::add);
        for (JsonNode v : live) {
            if (!had.contains(v) && seen.add(v)) {
                result.add(v.deepCopy());
            }
        }
        return result;
    }

    private static Map<JsonNode, JsonNode> index(ArrayNode list, String key) {
        Map<JsonNode, JsonNode> out = new LinkedHashMap<>();
        if (list != null) {
            for (JsonNode element : list) {
                if (element.isObject() && element.hasNonNull(key)) {
                    out.putIfAbsent(element.get(key), element);
                }
            }
        }
        return out;
    }

    /** A deep copy without null-valued fields (an explicit null in Git means "absent"). */
    static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    out.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> out.add(withoutNulls(v)));
            return out;
        }
        return node.deepCopy();
    }

    private static ObjectNode asObject(JsonNode n) {
        return n != null && n.isObject() ? (ObjectNode) n : null;
    }

    private static ArrayNode asArray(JsonNode n) {
        return n != null && n.isArray() ? (ArrayNode) n : null;
    }
}
