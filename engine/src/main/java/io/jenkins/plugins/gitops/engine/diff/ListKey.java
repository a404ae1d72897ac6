package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the elements of one list are matched between Git and the cluster, following the list types Kubernetes'
 * server-side apply uses: a <em>map</em> list matches elements by key fields (containers by {@code name}, container
 * ports by {@code containerPort}+{@code protocol}), a <em>set</em> matches scalars by value (finalizers), and an
 * <em>atomic</em> list is positional and declared as a whole.
 */
final class ListKey {

    enum Type { MAP, SET, POSITIONAL }

    /** Known map lists: list field name -> candidate key field lists (first that fits both sides wins). */
    private static final Map<String, List<List<String>>> MAP_LISTS = Map.ofEntries(
            Map.entry("containers", List.of(List.of("name"))),
            Map.entry("initContainers", List.of(List.of("name"))),
            Map.entry("ephemeralContainers", List.of(List.of("name"))),
            Map.entry("env", List.of(List.of("name"))),
            Map.entry("volumes", List.of(List.of("name"))),
            Map.entry("imagePullSecrets", List.of(List.of("name"))),
            Map.entry("resourceClaims", List.of(List.of("name"))),
            Map.entry("webhooks", List.of(List.of("name"))),
            Map.entry("volumeMounts", List.of(List.of("mountPath"))),
            Map.entry("volumeDevices", List.of(List.of("devicePath"))),
            Map.entry("ports", List.of(List.of("containerPort", "protocol"), List.of("port", "protocol"))),
            Map.entry("hostAliases", List.of(List.of("ip"))),
            Map.entry("conditions", List.of(List.of("type"))),
            Map.entry("topologySpreadConstraints", List.of(List.of("topologyKey", "whenUnsatisfiable"))));

    /** Known set lists of scalars. */
    private static final Set<String> SET_LISTS = Set.of("finalizers");

    /** Key fields the API server defaults, so Git may omit them (protocol defaults to TCP). */
    private static final Map<String, JsonNode> KEY_DEFAULTS = Map.of("protocol", TextNode.valueOf("TCP"));

    /** Unknown lists of maps whose elements all carry a unique name are matched by name. */
    private static final List<String> FALLBACK_KEY = List.of("name");

    static final ListKey POSITIONAL = new ListKey(Type.POSITIONAL, List.of());
    static final ListKey SET = new ListKey(Type.SET, List.of());

    private final Type type;
    private final List<String> fields;

    private ListKey(Type type, List<String> fields) {
        this.type = type;
        this.fields = fields;
    }

    Type type() {
        return type;
    }

    /** How to match the list stored under {@code fieldName}, given both sides' elements. */
    static ListKey forList(String fieldName, JsonNode desired, JsonNode live) {
        if (SET_LISTS.contains(fieldName) && allScalars(desired) && allScalars(live)) {
            return SET;
        }
        for (List<String> candidate : MAP_LISTS.getOrDefault(fieldName, List.of(FALLBACK_KEY))) {
            ListKey key = new ListKey(Type.MAP, candidate);
            if (key.identifies(desired) && key.identifies(live)) {
                return key;
            }
        }
        return POSITIONAL;
    }

    /** The key of an element of a map list (defaults filled in), e.g. {@code {containerPort: 80, protocol: TCP}}. */
    Map<String, JsonNode> keyOf(JsonNode element) {
        Map<String, JsonNode> key = new LinkedHashMap<>();
        for (String f : fields) {
            JsonNode v = element.get(f);
            key.put(f, v != null ? v : KEY_DEFAULTS.get(f));
        }
        return key;
    }

    /** A string that is equal for elements with equal keys (numbers compared by value), for lookups. */
    String identity(JsonNode element) {
        if (type == Type.SET) {
            return canonical(element);
        }
        StringBuilder b = new StringBuilder();
        keyOf(element).forEach((k, v) -> b.append(k).append('=').append(canonical(v)).append(';'));
        return b.toString();
    }

    /** The path of an element: {@code [name=web]}, {@code ["finalizer"]} or {@code [3]}. */
    FieldPath pathOf(FieldPath list, JsonNode element, int index) {
        return switch (type) {
            case MAP -> list.keyed(() -> {
                Map<String, JsonNode> shown = new LinkedHashMap<>();
                keyOf(element).forEach((k, v) -> {
                    if (!JsonValues.same(v, KEY_DEFAULTS.get(k))) {
                        shown.put(k, v);
                    }
                });
                return shown.isEmpty() ? keyOf(element) : shown;
            });
            case SET -> list.value(element);
            case POSITIONAL -> list.index(index);
        };
    }

    /**
     * Does a managedFields key ({@code k:{"containerPort":80,"protocol":"TCP"}}) name this element? Fields the
     * element omits are compared with their server default.
     */
    static boolean matchesKey(JsonNode element, JsonNode keyObject) {
        if (!element.isObject() || !keyObject.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : keyObject.properties()) {
            JsonNode v = element.get(e.getKey());
            if (!JsonValues.same(v != null ? v : KEY_DEFAULTS.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private boolean identifies(JsonNode list) {
        Set<String> seen = new HashSet<>();
        for (JsonNode el : list) {
            if (!el.isObject()) {
                return false;
            }
            for (String f : fields) {
                JsonNode v = el.get(f);
                if (v == null ? !KEY_DEFAULTS.containsKey(f) : !v.isValueNode() || v.isNull()) {
                    return false;
                }
            }
            if (!seen.add(identity(el))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allScalars(JsonNode list) {
        for (JsonNode el : list) {
            if (!el.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static String canonical(JsonNode v) {
        if (v == null) {
            return "~";
        }
        return v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.toString();
    }
}
