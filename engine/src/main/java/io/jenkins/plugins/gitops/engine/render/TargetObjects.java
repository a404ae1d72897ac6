package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of all an application's sources together, as Argo CD's {@code DeduplicateTargetObjects}
 * ({@code controller/state.go}) leaves them: when several sources produce the same group/kind/namespace/name the
 * last source wins and a RepeatedResourceWarning says how often it appeared; a namespaced object that still has no
 * namespace (the application has no destination namespace) is kept but named in {@link #missingNamespace()}, which
 * Argo reports as "namespace for ... is missing" and refuses to sync.
 *
 * <p>Invariant: {@link #objects()} holds each key once, in the order of first appearance.
 *
 * @param objects the deduplicated objects
 * @param repeated one warning per key produced more than once
 * @param missingNamespace namespaced objects without a namespace
 */
public record TargetObjects(List<KubeObject> objects, List<String> repeated, List<ResourceKey> missingNamespace) {

    public TargetObjects {
        objects = List.copyOf(objects);
        repeated = List.copyOf(repeated);
        missingNamespace = List.copyOf(missingNamespace);
    }

    /** Combines the sources' objects, in source order. */
    public static TargetObjects of(List<List<KubeObject>> sources, ResourceScope scope) {
        List<KubeObject> all = sources.stream().flatMap(List::stream).toList();
        ObjectScopes scopes = ObjectScopes.of(scope, all);
        Map<Object, KubeObject> byKey = new LinkedHashMap<>(); // ResourceKey, or the position of an unnamed object
        Map<ResourceKey, Integer> counts = new LinkedHashMap<>();
        List<ResourceKey> missing = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            KubeObject o = all.get(i);
            if (o.namespace().isEmpty() && scopes.namespaced(o) && !missing.contains(o.key())) {
                missing.add(o.key());
            }
            if (o.name().isEmpty()) {
                byKey.put(i, o); // generateName hooks: every one is distinct
                continue;
            }
            byKey.put(o.key(), o);
            counts.merge(o.key(), 1, Integer::sum);
        }
        List<String> repeated = new ArrayList<>();
        counts.forEach((key, n) -> {
            if (n > 1) {
                repeated.add("resource " + key + " appeared " + n + " times among the application's sources; the"
                        + " last one (" + describe(byKey.get(key)) + ") is used");
            }
        });
        return new TargetObjects(new ArrayList<>(byKey.values()), repeated, missing);
    }

    /** Argo CD's message for a namespaced resource without a namespace. */
    public static String missingNamespaceMessage(ResourceKey key) {
        return "namespace for " + key.kind() + " " + key.name() + " is missing";
    }

    private static String describe(KubeObject o) {
        return o.source().isEmpty() ? "unknown source" : o.source();
    }
}
