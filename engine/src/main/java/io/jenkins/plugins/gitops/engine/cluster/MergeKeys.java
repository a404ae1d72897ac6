package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic-merge knowledge for built-in kinds: which lists are merged element by element, and by which key.
 * Mirrors the {@code patchMergeKey}/{@code patchStrategy:"merge"} tags of the Kubernetes API types that kubectl's
 * strategic merge patch reads. Lists not named here are atomic (replaced as a whole), as are all lists of custom
 * resources, for which kubectl falls back to a JSON merge patch.
 *
 * <p>Keys are looked up by field name, not full path: where one field name carries different keys in different types
 * ({@code ports}: {@code containerPort} in a Container, {@code port} in a ServiceSpec) the first candidate present in
 * every element wins.
 */
final class MergeKeys {

    /** Field name -> merge key candidates, in order. */
    private static final Map<String, List<String>> OBJECT_LISTS = Map.ofEntries(
            Map.entry("containers", List.of("name")),
            Map.entry("initContainers", List.of("name")),
            Map.entry("ephemeralContainers", List.of("name")),
            Map.entry("env", List.of("name")),
            Map.entry("ports", List.of("containerPort", "port")),
            Map.entry("volumes", List.of("name")),
            Map.entry("volumeMounts", List.of("mountPath")),
            Map.entry("volumeDevices", List.of("devicePath")),
            Map.entry("imagePullSecrets", List.of("name")),
            Map.entry("hostAliases", List.of("ip")),
            Map.entry("ownerReferences", List.of("uid")),
            Map.entry("topologySpreadConstraints", List.of("topologyKey")),
            Map.entry("resourceClaims", List.of("name")),
            Map.entry("schedulingGates", List.of("name")),
            Map.entry("conditions", List.of("type")),
            Map.entry("webhooks", List.of("name")));

    /** Lists of scalars merged as sets ({@code patchStrategy:"merge"} without a key). */
    private static final Set<String> SCALAR_SETS = Set.of("finalizers");

    private MergeKeys() {}

    /** True for groups whose types kubectl knows (core, apps, batch, *.k8s.io...), i.e. strategic merge applies. */
    static boolean builtInGroup(String group) {
        return group.isEmpty() || !group.contains(".") || group.endsWith(".k8s.io");
    }

    /** The merge key of list {@code field} whose desired elements are {@code desired}; null when atomic. */
    static String keyFor(String field, JsonNode desired) {
        for (String candidate : OBJECT_LISTS.getOrDefault(field, List.of())) {
            if (allHave(desired, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static boolean scalarSet(String field) {
        return SCALAR_SETS.contains(field);
    }

    private static boolean allHave(JsonNode list, String key) {
        for (JsonNode element : list) {
            if (!element.isObject() || !element.hasNonNull(key)) {
                return false;
            }
        }
        return true;
    }
}
