package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.ForwardingResourceApplier;
import io.jenkins.plugins.gitops.engine.cluster.PropagationPolicy;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Optional;

/**
 * A {@link ResourceApplier} that asks the {@link WriteFence} immediately before every write - server-side dry runs and
 * the release of a hook finalizer included: a controller that lost the shard sends nothing for it any more. A write
 * refused by the fence stops the whole operation ({@link OperationHandle#stop}) and fails its task with the fence's
 * message; nothing is sent to the API server. The applier it wraps is expected to ask the same fence again before
 * every HTTP attempt ({@code ClusterApplier.forConnection(connection, fence::lost)}): a write that failed on the way
 * is retried only while the fence is open; such a refusal stops the operation too. Reads pass unchecked (inherited).
 */
final class FencedApplier extends ForwardingResourceApplier {

    private final WriteFence fence;
    private final OperationHandle handle;

    FencedApplier(ResourceApplier delegate, WriteFence fence, OperationHandle handle) {
        super(delegate);
        this.fence = fence;
        this.handle = handle;
    }

    @Override
    public KubeObject apply(KubeObject desired, ApplyOptions options) {
        check();
        return fenced(() -> delegate.apply(desired, options));
    }

    @Override
    public KubeObject dryRun(KubeObject desired, ApplyOptions options) {
        check();
        return fenced(() -> delegate.dryRun(desired, options));
    }

    @Override
    public KubeObject replace(KubeObject desired, boolean force, ApplyOptions options) {
        check();
        return fenced(() -> delegate.replace(desired, force, options));
    }

    @Override
    public KubeObject create(KubeObject desired, ApplyOptions options) {
        check();
        return fenced(() -> delegate.create(desired, options));
    }

    @Override
    public boolean delete(ResourceKey key, PropagationPolicy propagation, boolean dryRun) {
        check();
        return fenced(() -> delegate.delete(key, propagation, dryRun));
    }

    /**
     * Fenced like every write. After the lease was lost the hook finalizer this operation put on a hook stays: the
     * controller holding the shard now releases it when it runs the hook again (a hook left from an earlier sync is
     * released before it is deleted and created again), and a late release by this one could act on the hook of the
     * same name the new holder has just created.
     */
    @Override
    public boolean removeFinalizer(ResourceKey key, String finalizer) {
        check();
        return fenced(() -> delegate.removeFinalizer(key, finalizer));
    }

    /** A write the wrapped applier refused on a retry because the fence closed in between stops the operation too. */
    private <T> T fenced(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (ClusterException e) {
            fence.lost().ifPresent(handle::stop);
            throw e;
        }
    }

    private void check() {
        Optional<String> lost = fence.lost();
        if (lost.isPresent()) {
            handle.stop(lost.get());
            throw new ClusterException(ClusterException.Reason.CONFIGURATION, "", lost.get() + "; not written");
        }
    }
}
