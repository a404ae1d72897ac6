package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * One kind as the API server serves it: where its objects live ({@code plural} is the URL segment) and whether they
 * are namespaced. Built from discovery, never guessed, so a CRD's kind resolves exactly like a Deployment.
 *
 * @param group API group, empty for the core group
 * @param version served version, e.g. {@code v1}
 * @param kind e.g. {@code Deployment}
 * @param plural resource name in URLs, e.g. {@code deployments}
 * @param namespaced false for cluster-scoped kinds (Namespace, ClusterRole, CRDs...)
 * @param verbs what the server allows (get, list, watch, create, update, patch, delete...)
 */
public record ApiResource(String group, String version, String kind, String plural, boolean namespaced,
        List<String> verbs) {

    public ApiResource {
        group = group == null ? "" : group;
        verbs = verbs == null ? List.of() : List.copyOf(verbs);
    }

    /** {@code apps/v1}, or {@code v1} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** True when the server lists and watches this kind, which the live-state cache needs. */
    public boolean watchable() {
        return verbs.contains("list") && verbs.contains("watch");
    }

    /** The fabric8 description of this kind, for {@code client.genericKubernetesResources(...)} (lists, informers). */
    public ResourceDefinitionContext toResourceDefinitionContext() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    @Override
    public String toString() {
        return apiVersion() + " " + kind + " (" + plural + ", " + (namespaced ? "namespaced" : "cluster-scoped") + ")";
    }
}
