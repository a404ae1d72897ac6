package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A set of fields in Kubernetes' {@code fieldsV1} format, as found in {@code metadata.managedFields}:
 * {@code {"f:spec": {"f:replicas": {}}}}. Keys are {@code f:<field>}, {@code k:<json key>} for a map-list element
 * ({@code k:{"name":"web"}}), {@code v:<json value>} for a set member, {@code i:<index>} for a list position and
 * {@code .} for "the node itself". An empty object is a leaf: the whole value is in the set.
 */
final class FieldSet {

    private final ObjectNode root;

    private FieldSet(ObjectNode root) {
        this.root = root;
    }

    /** The union of the fieldsV1 of every managedFields entry whose manager matches. */
    static FieldSet ofManagers(ArrayNode managedFields, Predicate<String> manager) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (JsonNode entry : managedFields) {
            JsonNode fields = entry.get("fieldsV1");
            if (manager.test(entry.path("manager").asText()) && fields instanceof ObjectNode f) {
                merge(merged, f);
            }
        }
        return new FieldSet(merged);
    }

    boolean isEmpty() {
        return root.isEmpty();
    }

    /** This set as an ownership oracle; {@code source} names the owner in messages. */
    Ownership ownership(String source) {
        return isEmpty() ? Ownership.NONE : new SetOwnership(root, source);
    }

    /** Removes every field of this set from the tree (used for {@code managedFieldsManagers}). */
    void removeFrom(JsonNode tree) {
        removeIn(tree, root, Set.of());
    }

    private static void removeIn(JsonNode target, JsonNode set, Set<String> keepFields) {
        if (target instanceof ObjectNode obj) {
            for (Map.Entry<String, JsonNode> e : set.properties()) {
                if (!e.getKey().startsWith("f:")) {
                    continue;
                }
                String name = e.getKey().substring(2);
                JsonNode child = obj.get(name);
                if (child == null || keepFields.contains(name)) {
                    continue;
                }
                if (isLeaf(e.getValue(), child)) {
                    obj.remove(name);
                } else {
                    removeIn(child, e.getValue(), Set.of());
                }
            }
        } else if (target instanceof ArrayNode arr) {
            Set<Integer> drop = new TreeSet<>(Comparator.reverseOrder());
            for (Map.Entry<String, JsonNode> e : set.properties()) {
                for (int i = 0; i < arr.size(); i++) {
                    if (!names(e.getKey(), arr.get(i), i)) {
                        continue;
                    }
                    if (isLeaf(e.getValue(), arr.get(i))) {
                        drop.add(i);
                    } else {
                        removeIn(arr.get(i), e.getValue(), keyFields(e.getKey()));
                    }
                }
            }
            drop.forEach(arr::remove);
        }
    }

    /** Does a list entry key ({@code k:}, {@code v:}, {@code i:}) name this element? */
    static boolean names(String entryKey, JsonNode element, int index) {
        if (entryKey.startsWith("k:")) {
            JsonNode key = parse(entryKey.substring(2));
            return key != null && ListKey.matchesKey(element, key);
        }
        if (entryKey.startsWith("v:")) {
            JsonNode value = parse(entryKey.substring(2));
            return value != null && JsonValues.same(value, element);
        }
        if (entryKey.startsWith("i:")) {
            return entryKey.substring(2).equals(Integer.toString(index));
        }
        return false;
    }

    /** A leaf owns the whole value; {@code {".": {}}} alone owns only an (empty) container's existence. */
    private static boolean isLeaf(JsonNode setNode, JsonNode value) {
        if (setNode.isEmpty()) {
            return true;
        }
        return setNode.size() == 1 && setNode.has(".") && (!value.isContainerNode() || value.isEmpty());
    }

    private static Set<String> keyFields(String entryKey) {
        if (!entryKey.startsWith("k:")) {
            return Set.of();
        }
        JsonNode key = parse(entryKey.substring(2));
        List<String> names = new ArrayList<>();
        if (key != null) {
            key.fieldNames().forEachRemaining(names::add);
        }
        return Set.copyOf(names);
    }

    static JsonNode parse(String json) {
        try {
            return Yaml.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode ex && e.getValue() instanceof ObjectNode add) {
                merge(ex, add);
            } else if (existing == null) {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** Ownership answered from a fieldsV1 tree. */
    private record SetOwnership(JsonNode node, String source) implements Ownership {

        @Override
        public boolean owned() {
            return true;
        }

        @Override
        public boolean whole() {
            return node.isEmpty();
        }

        @Override
        public Ownership field(String name) {
            JsonNode child = node.get("f:" + name);
            return child == null ? Ownership.NONE : new SetOwnership(child, source);
        }

        @Override
        public Ownership element(JsonNode liveElement, int index, ListKey key) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (names(e.getKey(), liveElement, index)) {
                    return new SetOwnership(e.getValue(), source);
                }
            }
            // An atomic list owned as a leaf: its elements are ours, but not fields the server defaulted inside them.
            return node.isEmpty() ? new ShallowOwnership(source) : Ownership.NONE;
        }
    }

    /** Owns a node but nothing below it. */
    private record ShallowOwnership(String source) implements Ownership {
        @Override
        public boolean owned() {
            return true;
        }

        @Override
        public boolean whole() {
            return true;
        }

        @Override
        public Ownership field(String name) {
            return Ownership.NONE;
        }

        @Override
        public Ownership element(JsonNode liveElement, int index, ListKey key) {
            return Ownership.NONE;
        }
    }
}
