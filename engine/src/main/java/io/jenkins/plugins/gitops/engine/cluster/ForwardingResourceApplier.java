package io.jenkins.plugins.gitops.engine.cluster;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ResourceApplier} that hands every call to another one: the base of the appliers that add one concern to
 * the calls passing through (the write fence, the record of what an operation wrote). They override what they watch
 * and inherit the rest, so a method added to {@link ResourceApplier} reaches the cluster through every one of them
 * instead of falling back to its default on the way.
 */
public abstract class ForwardingResourceApplier implements ResourceApplier {

    protected final ResourceApplier delegate;

    protected ForwardingResourceApplier(ResourceApplier delegate) {
        this.delegate = delegate;
    }

    @Override
    public KubeObject apply(KubeObject desired, ApplyOptions options) {
        return delegate.apply(desired, options);
    }

    @Override
    public KubeObject dryRun(KubeObject desired, ApplyOptions options) {
        return delegate.dryRun(desired, options);
    }

    @Override
    public KubeObject replace(KubeObject desired, boolean force, ApplyOptions options) {
        return delegate.replace(desired, force, options);
    }

    @Override
    public KubeObject create(KubeObject desired, ApplyOptions options) {
        return delegate.create(desired, options);
    }

    @Override
    public boolean delete(ResourceKey key, PropagationPolicy propagation, boolean dryRun) {
        return delegate.delete(key, propagation, dryRun);
    }

    @Override
    public boolean removeFinalizer(ResourceKey key, String finalizer) {
        return delegate.removeFinalizer(key, finalizer);
    }

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        return delegate.get(key);
    }

    @Override
    public Optional<Map<String, KubeObject>> listLike(ResourceKey kind) {
        return delegate.listLike(kind);
    }

    @Override
    public Optional<WatchedKind> watchLike(ResourceKey kind, Runnable onChange) {
        return delegate.watchLike(kind, onChange);
    }

    @Override
    public boolean serves(String apiVersion, String kind) {
        return delegate.serves(apiVersion, kind);
    }
}
