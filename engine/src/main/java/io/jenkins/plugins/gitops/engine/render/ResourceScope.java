package io.jenkins.plugins.gitops.engine.render;

import java.util.Optional;

/**
 * Whether a kind is namespaced, for namespace defaulting. The renderer knows built-in kinds ({@link
 * BuiltInResourceScopes}) and the CRDs it renders itself; for everything else it asks this hook, which the cluster
 * package can implement from API discovery. Kinds nobody knows are treated as namespaced, as Argo CD's
 * {@code IsNamespacedOrUnknown} does.
 */
@FunctionalInterface
public interface ResourceScope {

    /** True for namespaced, false for cluster-scoped, empty when unknown. */
    Optional<Boolean> namespaced(String group, String kind);

    /** Knows nothing (the default until discovery is wired in). */
    ResourceScope UNKNOWN = (group, kind) -> Optional.empty();
}
