package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.PropagationPolicy;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncTask;
import io.jenkins.plugins.gitops.engine.sync.hook.HookFinalizer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writes one task to the cluster, for real or as a server-side dry run: prunes delete the live object (or report the
 * planned PruneSkipped), everything else is written as {@link ApplyMode} says (gitops-engine {@code pruneObject} and
 * {@code applyObject}). A {@link ClusterException} becomes a SyncFailed result carrying the API server's message; any
 * other exception is a bug and propagates. Thread-safe: the tasks of a kind group are written in parallel.
 */
final class TaskWriter {

    static final String DRY_RUN = " (dry run)";

    /**
     * The outcome of one write.
     *
     * @param live the object as the server returned it after a real apply; null for prunes, failures and dry runs
     * @param error the failure, null on success
     */
    record Written(SyncTask task, TaskResult result, KubeObject live, ClusterException error) {
        boolean failed() {
            return error != null;
        }
    }

    /** What a conflict under {@code FailOnConflict=true} tells the user to do. */
    static final String CONFLICT_ADVICE = " (FailOnConflict=true: the sync does not take fields another field manager"
            + " owns. To make Git win, remove FailOnConflict=true or change the field back; to leave the fields to"
            + " that manager, list them in the application's ignoreDifferences and add"
            + " RespectIgnoreDifferences=true; or change Git to the live value)";

    private final ResourceApplier applier;
    private final ApplyOptions base;
    private final Queue<String> takeovers = new ConcurrentLinkedQueue<>();

    TaskWriter(ResourceApplier applier, ApplyOptions base) {
        this.applier = applier;
        this.base = base;
    }

    Written write(SyncTask task, boolean dryRun) {
        if (task.isPrune()) {
            return prune(task, dryRun);
        }
        if (dryRun && task.deleteBeforeCreation()) {
            return dryRunRecreation(task);
        }
        return apply(task, task.live().orElse(null), dryRun);
    }

    /** Applies the target; {@code before} is the live object the write replaces (null after a hook was deleted). */
    Written apply(SyncTask task, KubeObject before, boolean dryRun) {
        KubeObject target = task.target().orElseThrow();
        ApplyMode mode = ApplyMode.of(task);
        try {
            ApplyOptions options = ApplyMode.options(base, task, dryRun);
            KubeObject after = mode.write(applier, target, options);
            String message = mode.message(before, after) + (dryRun ? DRY_RUN : "");
            FieldTakeover taken = dryRun ? FieldTakeover.NONE
                    : FieldTakeover.between(before, after, options.fieldManager());
            if (!taken.isEmpty()) {
                message = message + "; " + taken.describe();
                takeovers.add(after.key() + ": " + taken.describe());
            }
            ResourceKey key = dryRun || after.name().isEmpty() ? task.key() : after.key();
            OperationPhase phase = dryRun ? OperationPhase.Succeeded : OperationPhase.Running;
            return new Written(task, result(task, key, ResourceResultStatus.Synced, phase, message),
                    dryRun ? null : after, null);
        } catch (ClusterException e) {
            return failed(task, e);
        }
    }

    private Written prune(SyncTask task, boolean dryRun) {
        if (task.skipReason().isPresent()) {
            return new Written(task, result(task, task.key(), task.plannedResult().orElseThrow(),
                    OperationPhase.Succeeded, "ignored: " + task.skipReason().get()), null, null);
        }
        KubeObject live = task.live().orElseThrow();
        String suffix = dryRun ? DRY_RUN : "";
        if (live.hasDeletionTimestamp()) {
            return pruned(task, "pruned (already being deleted)" + suffix);
        }
        try {
            boolean existed = applier.delete(task.key(), propagation(task), dryRun);
            return pruned(task, (existed ? "pruned" : "pruned (already gone)") + suffix);
        } catch (ClusterException e) {
            return failed(task, e);
        }
    }

    /** A hook left from an earlier sync is deleted before it is created again; a dry run can only check the delete. */
    private Written dryRunRecreation(SyncTask task) {
        try {
            for (KubeObject old : task.leftovers()) {
                applier.delete(old.key(), propagation(task), true);
            }
            return new Written(task, result(task, task.key(), ResourceResultStatus.Synced, OperationPhase.Succeeded,
                    "the hook left from an earlier sync would be deleted and created again" + DRY_RUN), null, null);
        } catch (ClusterException e) {
            return failed(task, e);
        }
    }

    /**
     * Deletes a hook object for real (BeforeHookCreation, HookSucceeded, HookFailed); false when already gone. The
     * hook finalizer goes first, or the object would wait for it.
     */
    boolean deleteHook(SyncTask task, ResourceKey key) {
        releaseHook(key);
        return applier.delete(key, propagation(task), false);
    }

    /** Removes the hook finalizer from a hook object; false when it is gone or has none. */
    boolean releaseHook(ResourceKey key) {
        return applier.removeFinalizer(key, HookFinalizer.NAME);
    }

    private Written pruned(SyncTask task, String message) {
        return new Written(task, result(task, task.key(), ResourceResultStatus.Pruned, OperationPhase.Succeeded,
                message), null, null);
    }

    private static Written failed(SyncTask task, ClusterException e) {
        String advice = e.reason() == ClusterException.Reason.CONFLICT && task.options().failOnConflict()
                && e.getMessage().contains("conflict") ? CONFLICT_ADVICE : "";
        return new Written(task, result(task, task.key(), ResourceResultStatus.SyncFailed, OperationPhase.Failed,
                e.getMessage() + advice), null, e);
    }

    /**
     * Every field this writer took from another field manager so far, one entry per object:
     * {@code apps/Deployment shop/web: took spec.replicas from kubectl (subresource scale)}.
     */
    List<String> takeovers() {
        return List.copyOf(takeovers);
    }

    /** The sync option's propagation policy as the cluster layer spells it (same three values). */
    static PropagationPolicy propagation(SyncTask task) {
        return PropagationPolicy.valueOf(task.options().prunePropagationPolicy().name());
    }

    static TaskResult result(SyncTask task, ResourceKey key, ResourceResultStatus status, OperationPhase phase,
            String message) {
        return new TaskResult(key, task.object().version(), status, message, task.hookType().orElse(null), phase,
                task.phase(), task.wave());
    }
}
