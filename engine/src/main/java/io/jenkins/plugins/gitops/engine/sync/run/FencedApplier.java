package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.PropagationPolicy;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Optional;

/**
 * A {@link ResourceApplier} that asks the {@link WriteFence} immediately before every real write. A write refused by
 * the fence stops the whole operation ({@link OperationHandle#stop}) and fails its task with the fence's message;
 * nothing is sent to the API server. Reads and server-side dry runs pass unchecked: they change nothing.
 */
final class FencedApplier implements ResourceApplier {

    private final ResourceApplier delegate;
    private final WriteFence fence;
    private final OperationHandle handle;

    FencedApplier(ResourceApplier delegate, WriteFence fence, OperationHandle handle) {
        this.delegate = delegate;
        this.fence = fence;
        this.handle = handle;
    }

    @Override
    public KubeObject apply(KubeObject desired, ApplyOptions options) {
        check(options.dryRun());
        return delegate.apply(desired, options);
    }

    @Override
    public KubeObject dryRun(KubeObject desired, ApplyOptions options) {
        return delegate.dryRun(desired, options);
    }

    @Override
    public KubeObject replace(KubeObject desired, boolean force, ApplyOptions options) {
        check(options.dryRun());
        return delegate.replace(desired, force, options);
    }

    @Override
    public KubeObject create(KubeObject desired, ApplyOptions options) {
        check(options.dryRun());
        return delegate.create(desired, options);
    }

    @Override
    public boolean delete(ResourceKey key, PropagationPolicy propagation, boolean dryRun) {
        check(dryRun);
        return delegate.delete(key, propagation, dryRun);
    }

    /**
     * Not fenced: it only releases the hook finalizer this operation put on its own hooks, which must never be left
     * behind even when the operation stops because its lease was lost (the hook could not be deleted otherwise).
     */
    @Override
    public boolean removeFinalizer(ResourceKey key, String finalizer) {
        return delegate.removeFinalizer(key, finalizer);
    }

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        return delegate.get(key);
    }

    @Override
    public Optional<java.util.Map<String, KubeObject>> listLike(ResourceKey kind) {
        return delegate.listLike(kind);
    }

    private void check(boolean dryRun) {
        if (dryRun) {
            return;
        }
        Optional<String> lost = fence.lost();
        if (lost.isPresent()) {
            handle.stop(lost.get());
            throw new ClusterException(ClusterException.Reason.CONFIGURATION, "", lost.get() + "; not written");
        }
    }
}
