package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resources a selective sync asked for, resolved against the resources the application has. A requested key
 * without a namespace matches that group, kind and name in every namespace (and the cluster-scoped one), as Argo CD's
 * {@code SyncOperationResource.HasIdentity}; a key with a namespace matches only itself.
 */
public final class ResourceSelection {

    private ResourceSelection() {}

    /** The known keys {@code requested} selects, plus requested keys that match nothing (for the planner to report). */
    public static Set<ResourceKey> resolve(Collection<ResourceKey> requested, Collection<ResourceKey> known) {
        Set<ResourceKey> out = new TreeSet<>();
        for (ResourceKey r : requested) {
            boolean matched = false;
            for (ResourceKey k : known) {
                if (matches(r, k)) {
                    out.add(k);
                    matched = true;
                }
            }
            if (!matched) {
                out.add(r);
            }
        }
        return out;
    }

    static boolean matches(ResourceKey requested, ResourceKey key) {
        return requested.group().equals(key.group()) && requested.kind().equals(key.kind())
                && requested.name().equals(key.name())
                && (requested.namespace().isEmpty() || requested.namespace().equals(key.namespace()));
    }
}
