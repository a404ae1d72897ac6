package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a rendered object is namespaced, asked in Argo CD's order: built-in kinds ({@link BuiltInResourceScopes}),
 * then CustomResourceDefinitions rendered alongside, then the {@link ResourceScope} hook (the cluster's discovery);
 * kinds nobody knows count as namespaced, as Argo's {@code IsNamespacedOrUnknown}.
 */
public final class ObjectScopes {

    private final ResourceScope scope;
    private final Map<String, Boolean> crdScopes;

    private ObjectScopes(ResourceScope scope, Map<String, Boolean> crdScopes) {
        this.scope = scope == null ? ResourceScope.UNKNOWN : scope;
        this.crdScopes = crdScopes;
    }

    /** Scopes for {@code objects}, knowing the CRDs among them. */
    public static ObjectScopes of(ResourceScope scope, List<KubeObject> objects) {
        return new ObjectScopes(scope, ManifestPostProcessor.crdScopes(objects));
    }

    public boolean namespaced(KubeObject o) {
        Optional<Boolean> builtIn = BuiltInResourceScopes.INSTANCE.namespaced(o.group(), o.kind());
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        Boolean fromCrd = crdScopes.get(o.group() + "/" + o.kind());
        if (fromCrd != null) {
            return fromCrd;
        }
        return scope.namespaced(o.group(), o.kind()).orElse(true);
    }
}
