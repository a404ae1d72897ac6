package io.jenkins.plugins.gitops.engine.cluster;

import io.jenkins.plugins.gitops.engine.cluster.ResourceOperations.Target;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Map;
import java.util.Optional;

/**
 * What the client-side and server-side appliers share: everything but {@code apply} goes through the same
 * {@link ResourceOperations} calls (create, replace, delete with a propagation policy, finalizer removal, get), so
 * only the merge strategy differs between the two.
 */
abstract class ResourceOperationsApplier implements ResourceApplier {

    final ResourceOperations ops;

    ResourceOperationsApplier(ResourceOperations ops) {
        this.ops = ops;
    }

    @Override
    public KubeObject replace(KubeObject desired, boolean force, ApplyOptions options) {
        return Replacement.replace(ops, desired, force, options);
    }

    @Override
    public KubeObject create(KubeObject desired, ApplyOptions options) {
        String verb = options.dryRun() ? "dry-run create" : "create";
        Target t = ops.target(verb, desired);
        return ops.create(verb, t, ResourceOperations.body(t, desired.node()), options, desired);
    }

    @Override
    public boolean delete(ResourceKey key, PropagationPolicy propagation, boolean dryRun) {
        return ops.delete(ops.target(dryRun ? "dry-run delete" : "delete", key), propagation, dryRun, false);
    }

    @Override
    public boolean removeFinalizer(ResourceKey key, String finalizer) {
        return ops.removeFinalizer(ops.target("remove finalizer from", key), finalizer);
    }

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        return ops.get(ops.target("get", key));
    }

    @Override
    public Optional<Map<String, KubeObject>> listLike(ResourceKey kind) {
        return Optional.of(ops.list(ops.target("list", kind)));
    }

    @Override
    public Optional<WatchedKind> watchLike(ResourceKey kind, Runnable onChange) {
        return ops.watch(ops.target("watch", kind), onChange);
    }

    @Override
    public boolean serves(String apiVersion, String kind) {
        return ops.serves(apiVersion, kind);
    }
}
