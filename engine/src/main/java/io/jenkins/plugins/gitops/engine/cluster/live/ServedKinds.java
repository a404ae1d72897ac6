package io.jenkins.plugins.gitops.engine.cluster.live;

import io.jenkins.plugins.gitops.engine.cluster.ApiDiscovery;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The kinds an application needs read, split by whether the cluster serves them (API discovery). A kind the cluster
 * does not serve - a custom resource whose CRD is not installed yet - has no live objects by definition: its
 * resources are Missing with a message saying why, and the rest of the application is compared normally, as Argo
 * CD does. Listing such a kind would only fail and make the whole live state look incomplete.
 *
 * @param served kinds to list or watch
 * @param notServed kinds the cluster does not serve, each with the reason shown on its resources
 */
public record ServedKinds(Set<GroupVersionKind> served, Map<GroupVersionKind, String> notServed) {

    public ServedKinds {
        served = Collections.unmodifiableSet(new TreeSet<>(served));
        notServed = Collections.unmodifiableMap(new TreeMap<>(notServed));
    }

    /**
     * Asks discovery about each kind (an unknown kind costs one refresh of its group version).
     *
     * @param desired the desired objects, to tell whether a missing CRD is part of the application
     */
    public static ServedKinds split(ApiDiscovery discovery, Collection<GroupVersionKind> kinds,
            Collection<KubeObject> desired) {
        Set<GroupVersionKind> served = new TreeSet<>();
        Map<GroupVersionKind, String> notServed = new TreeMap<>();
        for (GroupVersionKind k : kinds) {
            if (discovery.find(k.apiVersion(), k.kind()).isPresent()) {
                served.add(k);
            } else {
                notServed.put(k, reason(k, desired));
            }
        }
        return new ServedKinds(served, notServed);
    }

    /** Why a resource of this key has no live object, when its kind is not served. */
    public Optional<String> reasonFor(ResourceKey key) {
        return notServed.entrySet().stream().filter(e -> e.getKey().matches(key)).map(Map.Entry::getValue)
                .findFirst();
    }

    private static String reason(GroupVersionKind k, Collection<KubeObject> desired) {
        String what = "the cluster does not serve kind " + k.kind() + " (apiVersion " + k.apiVersion() + ")";
        return desired.stream()
                .filter(o -> o.kind().equals("CustomResourceDefinition")
                        && o.at("/spec/group").asText().equals(k.group())
                        && o.at("/spec/names/kind").asText().equals(k.kind()))
                .findFirst()
                .map(crd -> what + " yet; its CustomResourceDefinition " + crd.name()
                        + " is part of this application and is created by the sync")
                .orElse(what + "; is its CustomResourceDefinition installed?");
    }
}
