package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.ForwardingResourceApplier;
import io.jenkins.plugins.gitops.engine.cluster.PropagationPolicy;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one operation wrote, as the API server answered (each object with its new resourceVersion) and what it
 * deleted: a {@link ResourceApplier} that passes everything through and remembers the real writes. The comparison
 * after the operation waits until the controller's live-state cache has seen exactly these, instead of listing every
 * kind of the cluster again - an operation of one ConfigMap then costs no listing of all ConfigMaps.
 */
final class WrittenObjects extends ForwardingResourceApplier {

    private final Map<ResourceKey, KubeObject> written = new ConcurrentHashMap<>();
    private final Set<ResourceKey> deleted = ConcurrentHashMap.newKeySet();

    WrittenObjects(ResourceApplier delegate) {
        super(delegate);
    }

    /** The objects as the server returned them after the last real write of each. */
    List<KubeObject> written() {
        return List.copyOf(written.values());
    }

    /** The objects deleted for real (prunes, replaced and deleted hooks) and not written again since. */
    Set<ResourceKey> deleted() {
        return Set.copyOf(deleted);
    }

    private KubeObject wrote(KubeObject answer, ApplyOptions options) {
        if (!options.dryRun() && answer != null && !answer.name().isEmpty()) {
            written.put(answer.key(), answer);
            deleted.remove(answer.key());
        }
        return answer;
    }

    @Override
    public KubeObject apply(KubeObject desired, ApplyOptions options) {
        return wrote(delegate.apply(desired, options), options);
    }

    @Override
    public KubeObject replace(KubeObject desired, boolean force, ApplyOptions options) {
        return wrote(delegate.replace(desired, force, options), options);
    }

    @Override
    public KubeObject create(KubeObject desired, ApplyOptions options) {
        return wrote(delegate.create(desired, options), options);
    }

    @Override
    public boolean delete(ResourceKey key, PropagationPolicy propagation, boolean dryRun) {
        boolean existed = delegate.delete(key, propagation, dryRun);
        if (!dryRun) {
            written.remove(key);
            deleted.add(key);
        }
        return existed;
    }
}
