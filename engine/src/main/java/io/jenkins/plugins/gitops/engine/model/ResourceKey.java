package io.jenkins.plugins.gitops.engine.model;

import java.util.Comparator;

/**
 * Identity of a Kubernetes object as Argo CD tracks it: API group (empty for the core group), kind, namespace
 * (empty for cluster-scoped objects) and name. The version is deliberately not part of the identity.
 */
public record ResourceKey(String group, String kind, String namespace, String name) implements Comparable<ResourceKey> {

    private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::group)
            .thenComparing(ResourceKey::kind)
            .thenComparing(ResourceKey::namespace)
            .thenComparing(ResourceKey::name);

    public ResourceKey {
        group = group == null ? "" : group;
        namespace = namespace == null ? "" : namespace;
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("kind is required");
        }
        name = name == null ? "" : name;
    }

    /** Group of an apiVersion such as {@code apps/v1} ({@code apps}) or {@code v1} (empty). */
    public static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Same identity with another namespace. */
    public ResourceKey withNamespace(String ns) {
        return new ResourceKey(group, kind, ns, name);
    }

    /** Argo CD's tracking-id form: {@code <group>/<kind>:<namespace>/<name>} (without the app prefix). */
    public String trackingSuffix() {
        return group + "/" + kind + ":" + namespace + "/" + name;
    }

    /** Human form used in messages: {@code apps/Deployment ns/name} or {@code Namespace name}. */
    @Override
    public String toString() {
        String gk = group.isEmpty() ? kind : group + "/" + kind;
        return gk + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }

    @Override
    public int compareTo(ResourceKey o) {
        return ORDER.compare(this, o);
    }
}
