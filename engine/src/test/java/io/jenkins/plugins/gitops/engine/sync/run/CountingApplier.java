package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.ForwardingResourceApplier;
import io.jenkins.plugins.gitops.engine.cluster.PropagationPolicy;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.cluster.WatchedKind;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what an operation asks of the cluster: dry runs and real writes by object name, reads, lists and watches by
 * kind.
 */
final class CountingApplier extends ForwardingResourceApplier {
    final List<String> dryRuns = new CopyOnWriteArrayList<>();
    final List<String> writes = new CopyOnWriteArrayList<>();
    final List<String> gets = new CopyOnWriteArrayList<>();
    final List<String> lists = new CopyOnWriteArrayList<>();
    final List<String> watches = new CopyOnWriteArrayList<>();
    /** False: this applier cannot watch (as one without a watch API), so waits list instead. */
    volatile boolean canWatch = true;

    CountingApplier(ResourceApplier delegate) {
        super(delegate);
    }

    private void count(String name, boolean dryRun) {
        (dryRun ? dryRuns : writes).add(name);
    }

    @Override
    public KubeObject apply(KubeObject desired, ApplyOptions options) {
        count(desired.name(), options.dryRun());
        return super.apply(desired, options);
    }

    @Override
    public KubeObject replace(KubeObject desired, boolean force, ApplyOptions options) {
        count(desired.name(), options.dryRun());
        return super.replace(desired, force, options);
    }

    @Override
    public KubeObject create(KubeObject desired, ApplyOptions options) {
        count(desired.name(), options.dryRun());
        return super.create(desired, options);
    }

    @Override
    public boolean delete(ResourceKey key, PropagationPolicy propagation, boolean dryRun) {
        count(key.name(), dryRun);
        return super.delete(key, propagation, dryRun);
    }

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        gets.add(key.kind() + " " + key.name());
        return super.get(key);
    }

    @Override
    public Optional<Map<String, KubeObject>> listLike(ResourceKey kind) {
        lists.add(kind.kind());
        return super.listLike(kind);
    }

    @Override
    public Optional<WatchedKind> watchLike(ResourceKey kind, Runnable onChange) {
        if (!canWatch) {
            return Optional.empty();
        }
        watches.add(kind.kind());
        return super.watchLike(kind, onChange);
    }
}
