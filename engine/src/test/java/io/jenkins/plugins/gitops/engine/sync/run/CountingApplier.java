package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records what an operation asks of the cluster: dry runs and real writes by object name, reads, lists by kind. */
final class CountingApplier implements ResourceApplier {
    final ResourceApplier delegate;
    final List<String> dryRuns = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> gets = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> lists = new java.util.concurrent.CopyOnWriteArrayList<>();

    CountingApplier(ResourceApplier delegate) {
        this.delegate = delegate;
    }

    private void count(String name, boolean dryRun) {
        (dryRun ? dryRuns : writes).add(name);
    }

    @Override
    public KubeObject apply(KubeObject desired, io.jenkins.plugins.gitops.engine.cluster.ApplyOptions options) {
        count(desired.name(), options.dryRun());
        return delegate.apply(desired, options);
    }

    @Override
    public KubeObject replace(KubeObject desired, boolean force,
            io.jenkins.plugins.gitops.engine.cluster.ApplyOptions options) {
        count(desired.name(), options.dryRun());
        return delegate.replace(desired, force, options);
    }

    @Override
    public KubeObject create(KubeObject desired, io.jenkins.plugins.gitops.engine.cluster.ApplyOptions options) {
        count(desired.name(), options.dryRun());
        return delegate.create(desired, options);
    }

    @Override
    public boolean delete(ResourceKey key, io.jenkins.plugins.gitops.engine.cluster.PropagationPolicy propagation,
            boolean dryRun) {
        count(key.name(), dryRun);
        return delegate.delete(key, propagation, dryRun);
    }

    @Override
    public boolean removeFinalizer(ResourceKey key, String finalizer) {
        return delegate.removeFinalizer(key, finalizer);
    }

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        gets.add(key.kind() + " " + key.name());
        return delegate.get(key);
    }

    @Override
    public Optional<Map<String, KubeObject>> listLike(ResourceKey kind) {
        lists.add(kind.kind());
        return delegate.listLike(kind);
    }
}
