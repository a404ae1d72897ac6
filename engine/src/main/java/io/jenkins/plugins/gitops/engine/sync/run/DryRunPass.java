package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ClusterException.Reason;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncPlan;
import io.jenkins.plugins.gitops.engine.sync.SyncTask;
import io.jenkins.plugins.gitops.engine.sync.run.TaskWriter.Written;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Before anything is written, every task of the plan (SyncFail hooks included) is dry-run on the server, so a single
 * invalid object means nothing is applied (gitops-engine runs {@code runTasks(tasks, dryRun=true)} once per operation).
 * Unlike gitops-engine, which dry-runs on the client, the server checks everything here, admission webhooks included.
 * Two kinds of failure are expected and skipped, because the object depends on something this very sync creates:
 * <ul>
 *   <li>the kind is not served yet ({@link Reason#UNKNOWN_KIND}) and its CRD is part of the sync or the object says
 *       {@code SkipDryRunOnMissingResource=true} (staged apply);</li>
 *   <li>the namespace does not exist yet ({@link Reason#NOT_FOUND}) and the sync creates it.</li>
 * </ul>
 * A resource that compared Synced before the sync ({@link SyncTask#comparedSynced()}) is not sent again: the live
 * object already holds what Git declares, so the server accepted this content when it was last applied, and a
 * re-sync of an unchanged application costs one write per object instead of two. Creates, updates of OutOfSync
 * resources, prunes and hooks are always checked; a dry-run operation (nothing to be written) checks everything.
 */
final class DryRunPass {

    static final String SKIPPED = "dry run skipped: ";
    static final String UNCHANGED = "unchanged since the comparison: not dry-run again";

    private final RunContext run;
    private final TaskWriter writer;

    DryRunPass(RunContext run, TaskWriter writer) {
        this.run = run;
        this.writer = writer;
    }

    /**
     * Dry-runs the plan.
     *
     * @param recordAll record every result (a dry-run operation); otherwise only failures are recorded
     */
    OperationState run(SyncPlan plan, OperationState state, boolean recordAll) {
        Set<String> createdNamespaces = plan.tasks().list().stream()
                .filter(t -> t.kind().equals("Namespace") && t.key().group().isEmpty() && t.isCreate())
                .map(SyncTask::name).collect(Collectors.toSet());
        List<Written> written = BoundedParallel.map(plan.tasks().list(), t -> !recordAll && t.comparedSynced()
                        ? new Written(t, TaskWriter.result(t, t.key(), ResourceResultStatus.Synced,
                                OperationPhase.Succeeded, UNCHANGED), null, null)
                        : check(t, createdNamespaces),
                run.context().executor(), run.context().parallelism(), run::terminated);
        Map<OperationState.Id, TaskResult> recorded = new LinkedHashMap<>();
        // failures that share their reason are said once, in the operation message (FailureSummary)
        List<TaskResult> grouped = FailureSummary.grouped(written.stream().map(Written::result)
                .filter(TaskResult::failed).toList());
        for (Written w : written) {
            boolean skipped = w.result().message().startsWith(SKIPPED);
            if (recordAll || w.result().failed()) {
                recorded.put(OperationState.Id.of(w.task()), w.result());
            }
            if ((recordAll || w.result().failed() || skipped) && !grouped.contains(w.result())) {
                run.progress().written(w.result());
            }
        }
        return state.withAll(recorded);
    }

    private Written check(SyncTask task, Set<String> createdNamespaces) {
        if (task.isHook()) {
            try {
                HookTimeout.of(task, run.context().hookTimeout());
            } catch (IllegalArgumentException e) {
                return new Written(task, TaskWriter.result(task, task.key(), ResourceResultStatus.SyncFailed,
                        OperationPhase.Failed, e.getMessage()), null, null);
            }
        }
        Written w = writer.write(task, true);
        if (!w.failed()) {
            return w;
        }
        return skipReason(task, w, createdNamespaces)
                .map(reason -> new Written(task, TaskWriter.result(task, task.key(), ResourceResultStatus.Synced,
                        OperationPhase.Succeeded, SKIPPED + reason), null, null))
                .orElse(w);
    }

    private static Optional<String> skipReason(SyncTask task, Written w, Set<String> createdNamespaces) {
        Reason reason = w.error().reason();
        if (reason == Reason.UNKNOWN_KIND && task.skipDryRunOnMissingResource()) {
            return Optional.of("the cluster does not serve " + task.kind() + " yet ("
                    + (task.options().skipDryRunOnMissingResource() ? "SkipDryRunOnMissingResource=true"
                            : "its CustomResourceDefinition is applied by this sync") + ")");
        }
        String ns = task.key().namespace();
        if (reason == Reason.NOT_FOUND && !ns.isEmpty() && createdNamespaces.contains(ns)) {
            return Optional.of("namespace " + ns + " is created by this sync");
        }
        return Optional.empty();
    }
}
