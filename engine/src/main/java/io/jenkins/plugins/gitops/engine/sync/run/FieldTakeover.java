package io.jenkins.plugins.gitops.engine.sync.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a server-side apply took from other field managers, found by comparing the live object's
 * {@code metadata.managedFields} before and after the write. An apply removes a field from another manager's set only
 * when it forces a conflict (same value: the field becomes shared, nothing is taken), so every field that left another
 * manager's set was taken by us. Argo CD always forces and says nothing; we say whose fields a sync overwrote, e.g.
 * {@code took spec.replicas from kubectl (subresource scale)}.
 *
 * <p>Managers are told apart as the API server does: by name, operation and subresource. Paths use the drift events'
 * spelling ({@code spec.template.spec.containers[name=web].image}).
 */
record FieldTakeover(Map<String, Set<String>> fieldsByManager) {

    static final FieldTakeover NONE = new FieldTakeover(Map.of());

    private record ManagerId(String manager, String operation, String subresource) {
        String describe() {
            return manager + (subresource.isEmpty() ? "" : " (subresource " + subresource + ")");
        }
    }

    /**
     * What {@code ourManager}'s write took from others; {@link #NONE} when there was no object before, or the write
     * replaced it by a new one (another uid: nothing was taken, everything was re-created).
     */
    static FieldTakeover between(KubeObject before, KubeObject after, String ourManager) {
        if (before == null || after == null || !before.uid().equals(after.uid())) {
            return NONE;
        }
        Map<ManagerId, Set<String>> was = fieldsOf(before);
        Map<ManagerId, Set<String>> is = fieldsOf(after);
        Map<String, Set<String>> taken = new LinkedHashMap<>();
        was.forEach((id, fields) -> {
            if (id.manager().equals(ourManager)) {
                return;
            }
            Set<String> lost = new LinkedHashSet<>(fields);
            lost.removeAll(is.getOrDefault(id, Set.of()));
            if (!lost.isEmpty()) {
                taken.computeIfAbsent(id.describe(), k -> new LinkedHashSet<>()).addAll(lost);
            }
        });
        return new FieldTakeover(taken);
    }

    boolean isEmpty() {
        return fieldsByManager.isEmpty();
    }

    /** The managers fields were taken from, in words: {@code kubectl (subresource scale)}. */
    List<String> managers() {
        return List.copyOf(fieldsByManager.keySet());
    }

    /** {@code took spec.replicas from kubectl (subresource scale)}; empty when nothing was taken. */
    String describe() {
        List<String> parts = new ArrayList<>();
        fieldsByManager.forEach((manager, fields) -> parts.add(String.join(", ", fields) + " from " + manager));
        return parts.isEmpty() ? "" : "took " + String.join("; ", parts);
    }

    private static Map<ManagerId, Set<String>> fieldsOf(KubeObject object) {
        Map<ManagerId, Set<String>> out = new LinkedHashMap<>();
        for (JsonNode entry : object.metadata().path("managedFields")) {
            JsonNode fields = entry.get("fieldsV1");
            if (fields == null || !fields.isObject()) {
                continue;
            }
            ManagerId id = new ManagerId(entry.path("manager").asText(""), entry.path("operation").asText(""),
                    entry.path("subresource").asText(""));
            Set<String> paths = out.computeIfAbsent(id, k -> new LinkedHashSet<>());
            leaves(fields, "", paths);
        }
        return out;
    }

    /** Leaf fields of a fieldsV1 set: empty objects, and nodes that own themselves ({@code "."}). */
    private static void leaves(JsonNode set, String path, Set<String> out) {
        if (set.isEmpty() || set.has(".")) {
            if (!path.isEmpty()) {
                out.add(path);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String step = step(e.getKey());
            if (step != null) {
                leaves(e.getValue(), path.isEmpty() || step.startsWith("[") ? path + step : path + "." + step, out);
            }
        }
    }

    /** {@code f:name} -> {@code name}, {@code k:{"name":"web"}} -> {@code [name=web]}, {@code v:x} -> {@code [=x]}. */
    private static String step(String key) {
        if (key.startsWith("f:")) {
            return key.substring(2);
        }
        if (key.startsWith("k:")) {
            String body = key.substring(2).replaceAll("[{}\"]", "").replace(':', '=');
            return "[" + body + "]";
        }
        if (key.startsWith("v:")) {
            return "[=" + key.substring(2).replace("\"", "") + "]";
        }
        if (key.startsWith("i:")) {
            return "[" + key.substring(2) + "]";
        }
        return null;
    }
}
