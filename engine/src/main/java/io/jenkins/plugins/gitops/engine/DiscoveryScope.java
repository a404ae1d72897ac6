package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.ApiDiscovery;
import io.jenkins.plugins.gitops.engine.cluster.ApiResource;
import io.jenkins.plugins.gitops.engine.render.BuiltInResourceScopes;
import io.jenkins.plugins.gitops.engine.render.ResourceScope;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Is this kind namespaced?" answered by the destination cluster's API discovery (loaded once per use), falling back
 * to the built-in table when the cluster cannot be asked; used to set the destination namespace only on namespaced
 * objects and to apply project rules for cluster-scoped kinds.
 */
final class DiscoveryScope implements ResourceScope {

    private final ApiDiscovery discovery;
    private Map<String, Boolean> namespaced;

    DiscoveryScope(ApiDiscovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public synchronized Optional<Boolean> namespaced(String group, String kind) {
        if (namespaced == null) {
            namespaced = new HashMap<>();
            try {
                for (ApiResource r : discovery.serverResources()) {
                    namespaced.putIfAbsent(r.group() + "/" + r.kind(), r.namespaced());
                }
            } catch (RuntimeException unreachable) {
                // discovery failed: the built-in table still answers for built-in kinds
            }
        }
        Boolean known = namespaced.get(group + "/" + kind);
        return known != null ? Optional.of(known) : BuiltInResourceScopes.INSTANCE.namespaced(group, kind);
    }

    /** Whether the kind is cluster-scoped as far as anyone knows (unknown kinds count as namespaced). */
    boolean clusterScoped(String group, String kind) {
        return namespaced(group, kind).map(n -> !n).orElse(false);
    }
}
