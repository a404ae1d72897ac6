package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares what Git declares with the live object, the server-side-apply way (see package documentation for the
 * rule). Walks both normalised trees once and produces the differing field paths plus two <em>views</em>: the
 * desired tree without empty values the cluster lacks, and the live tree restricted to the fields that took part in
 * the comparison. Both views print to the same YAML when nothing differs, so a Synced resource never shows a
 * diff and an OutOfSync one always shows where.
 */
final class DeclaredStateComparison {

    /** The outcome: differences in walk order and the two views (never null). */
    record Result(ObjectNode desiredView, ObjectNode liveView, List<FieldDifference> differences) {}

    private record Views(JsonNode desired, JsonNode live) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ValueDescriber describer;
    private final List<FieldDifference> differences = new ArrayList<>();

    private DeclaredStateComparison(ValueDescriber describer) {
        this.describer = describer;
    }

    static Result compare(ObjectNode desired, ObjectNode live, Ownership ours, ValueDescriber describer) {
        DeclaredStateComparison c = new DeclaredStateComparison(describer);
        Views v = c.walk(FieldPath.ROOT, "", desired, live, ours);
        return new Result((ObjectNode) v.desired, (ObjectNode) v.live, List.copyOf(c.differences));
    }

    private Views walk(FieldPath path, String fieldName, JsonNode d, JsonNode l, Ownership own) {
        if (d.isObject() && l.isObject()) {
            return walkObject(path, (ObjectNode) d, (ObjectNode) l, own);
        }
        if (d.isArray() && l.isArray()) {
            ListKey key = ListKey.forList(fieldName, d, l);
            return key.type() == ListKey.Type.POSITIONAL
                    ? walkPositional(path, (ArrayNode) d, (ArrayNode) l, own, key)
                    : walkKeyed(path, (ArrayNode) d, (ArrayNode) l, own, key);
        }
        if (!JsonValues.same(d, l) && !(JsonValues.isEmpty(d) && JsonValues.isEmpty(l))) {
            add(path, DifferenceReason.CHANGED, describer.changed(path, l, d));
        }
        return new Views(d, l);
    }

    private Views walkObject(FieldPath path, ObjectNode d, ObjectNode l, Ownership own) {
        ObjectNode dv = NODES.objectNode();
        ObjectNode lv = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : d.properties()) {
            String f = e.getKey();
            JsonNode lval = l.get(f);
            if (lval == null) {
                if (!JsonValues.absentInCluster(e.getValue())) {
                    add(path.field(f), DifferenceReason.ADDED_IN_GIT, describer.added(path.field(f), e.getValue()));
                    dv.set(f, e.getValue());
                }
                continue;
            }
            Views v = walk(path.field(f), f, e.getValue(), lval, own.field(f));
            dv.set(f, v.desired);
            lv.set(f, v.live);
        }
        for (Map.Entry<String, JsonNode> e : l.properties()) {
            Ownership o = own.field(e.getKey());
            if (!d.has(e.getKey()) && o.owned() && !JsonValues.isEmpty(e.getValue())) {
                JsonNode shown = liveOnly(path.field(e.getKey()), e.getKey(), e.getValue(), o);
                if (shown != null) {
                    lv.set(e.getKey(), shown);
                }
            }
        }
        return new Views(dv, lv);
    }

    /**
     * A field Git does not declare that we own (some of): owned as a unit, it is drift as a whole; otherwise only the
     * parts we own are (our env var in a map Git dropped, not the annotation a controller added next to it).
     * Returns the part to show in the live view, or null when nothing in it is ours.
     */
    private JsonNode liveOnly(FieldPath path, String fieldName, JsonNode live, Ownership own) {
        if (!own.whole() && live.isObject()) {
            JsonNode shown = walkObject(path, NODES.objectNode(), (ObjectNode) live, own).live;
            return shown.isEmpty() ? null : shown;
        }
        if (!own.whole() && live.isArray()) {
            ListKey key = ListKey.forList(fieldName, NODES.arrayNode(), live);
            if (key.type() != ListKey.Type.POSITIONAL) {
                JsonNode shown = walkKeyed(path, NODES.arrayNode(), (ArrayNode) live, own, key).live;
                return shown.isEmpty() ? null : shown;
            }
        }
        add(path, DifferenceReason.REMOVED_FROM_GIT, describer.removed(path, live, own.source()));
        return live;
    }

    /** Atomic lists: Git declares the whole list, so every position counts, including extra live elements. */
    private Views walkPositional(FieldPath path, ArrayNode d, ArrayNode l, Ownership own, ListKey key) {
        ArrayNode dv = NODES.arrayNode();
        ArrayNode lv = NODES.arrayNode();
        for (int i = 0; i < Math.max(d.size(), l.size()); i++) {
            FieldPath p = path.index(i);
            if (i < d.size() && i < l.size()) {
                Views v = walk(p, "", d.get(i), l.get(i), own.element(l.get(i), i, key));
                dv.add(v.desired);
                lv.add(v.live);
            } else if (i < d.size()) {
                add(p, DifferenceReason.ADDED_IN_GIT, describer.added(p, d.get(i)));
                dv.add(d.get(i));
            } else {
                add(p, DifferenceReason.REMOVED_FROM_GIT,
                        describer.removed(p, l.get(i), "Git declares this list with " + d.size() + " items"));
                lv.add(l.get(i));
            }
        }
        return new Views(dv, lv);
    }

    /**
     * Map lists and sets: elements match by key (or value), order is not significant, live-only elements count only
     * when we own them. The live view lists matched elements in Git's order, then our extra ones.
     */
    private Views walkKeyed(FieldPath path, ArrayNode d, ArrayNode l, Ownership own, ListKey key) {
        Map<String, Integer> liveIndex = new HashMap<>();
        for (int i = 0; i < l.size(); i++) {
            liveIndex.put(key.identity(l.get(i)), i);
        }
        ArrayNode dv = NODES.arrayNode();
        ArrayNode lv = NODES.arrayNode();
        boolean[] matched = new boolean[l.size()];
        for (JsonNode de : d) {
            Integer li = liveIndex.get(key.identity(de));
            FieldPath p = key.pathOf(path, de, dv.size());
            if (li == null) {
                add(p, DifferenceReason.ADDED_IN_GIT, describer.added(p, de));
                dv.add(de);
                continue;
            }
            matched[li] = true;
            JsonNode le = l.get(li);
            Views v = key.type() == ListKey.Type.SET ? new Views(de, le)
                    : walk(p, "", de, le, own.element(le, li, key));
            dv.add(v.desired);
            lv.add(v.live);
        }
        Map<Integer, JsonNode> extras = new TreeMap<>();
        for (int i = 0; i < l.size(); i++) {
            Ownership o = own.element(l.get(i), i, key);
            if (!matched[i] && o.owned()) {
                FieldPath p = key.pathOf(path, l.get(i), i);
                add(p, DifferenceReason.REMOVED_FROM_GIT, describer.removed(p, l.get(i), o.source()));
                extras.put(i, l.get(i));
            }
        }
        extras.values().forEach(lv::add);
        return new Views(dv, lv);
    }

    private void add(FieldPath path, DifferenceReason reason, String detail) {
        differences.add(new FieldDifference(path.toString(), reason, detail));
    }
}
