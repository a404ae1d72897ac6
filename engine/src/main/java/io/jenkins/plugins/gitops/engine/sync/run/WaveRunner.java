package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncStep;
import io.jenkins.plugins.gitops.engine.sync.SyncTask;
import io.jenkins.plugins.gitops.engine.sync.run.TaskWriter.Written;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Executes one {@link SyncStep} (one phase and wave) for real, in gitops-engine's {@code runTasks} order:
 * <ol>
 *   <li>prune the objects no longer in Git (planned PruneSkipped results are only recorded);</li>
 *   <li>delete hooks left from an earlier sync whose policy is {@code BeforeHookCreation}, and wait until gone;</li>
 *   <li>write the other tasks kind group by kind group: inside a group up to {@link SyncContext#parallelism()} at
 *       once, groups one after another; after CRDs, wait until they are Established;</li>
 *   <li>wait ({@link StepWaiter}) for hooks to complete and, unless this is the last step, for resources to be
 *       healthy and pruned objects to be gone.</li>
 * </ol>
 * The first failed write stops the step: later kind groups are not started. Termination stops it between tasks.
 */
final class WaveRunner {

    private final RunContext run;
    private final TaskWriter writer;
    private final StepWaiter waiter;

    WaveRunner(RunContext run, TaskWriter writer) {
        this.run = run;
        this.writer = writer;
        this.waiter = new StepWaiter(run, new HookCleanup(run, writer));
    }

    /**
     * @param waitForResources whether resources must become healthy before the step counts as done (false for the
     *        last step: like gitops-engine, a sync whose last wave was applied succeeds even if it degrades later)
     */
    StepOutcome run(SyncStep step, OperationState initial, boolean waitForResources) {
        run.progress().info("wave " + step.wave() + " " + step.phase() + ": " + step.tasks().size() + " task(s)");
        List<Watched> watched = new ArrayList<>();
        Progress p = new Progress(initial);

        List<Written> pruned = parallel(step.pruneTasks(), t -> writer.write(t, false));
        p.record(pruned);
        boolean stopped = pruned.size() < step.pruneTasks().size();
        if (p.failed()) {
            return p.failure(watched);
        }
        for (Written w : pruned) {
            if (waitForResources && w.result().status() == ResourceResultStatus.Pruned) {
                watched.add(Watched.deletion(w.task(), w.task().key()));
            }
        }

        StepOutcome recreated = deleteOldHooks(step, p);
        if (recreated.verdict() != StepOutcome.Verdict.COMPLETED) {
            return recreated;
        }

        for (List<SyncTask> group : step.kindGroups()) {
            if (stopped || run.terminated()) {
                stopped = true;
                break;
            }
            List<Written> written = parallel(group, t -> t.deleteBeforeCreation()
                    ? writer.apply(t, null, false) : writer.write(t, false));
            p.record(written);
            stopped = written.size() < group.size();
            for (Written w : written) {
                if (!w.failed()) {
                    watch(w, waitForResources).ifPresent(watched::add);
                }
            }
            if (p.failed()) {
                return p.failure(watched);
            }
            List<ResourceKey> crds = written.stream().map(w -> w.result().key())
                    .filter(k -> k.kind().equals("CustomResourceDefinition")).toList();
            if (!crds.isEmpty()) {
                CrdReadiness.await(run, crds);
            }
        }
        StepOutcome outcome = waiter.await(watched, p.state);
        if (stopped && outcome.verdict() == StepOutcome.Verdict.COMPLETED) {
            // terminated before every task of the step was started: never report the step as done
            return StepOutcome.terminated(outcome.state(), run.terminationMessage());
        }
        return outcome;
    }

    private Optional<Watched> watch(Written w, boolean waitForResources) {
        SyncTask task = w.task();
        ResourceKey key = w.result().key();
        if (task.isHook()) {
            Duration timeout = HookTimeout.of(task, run.context().hookTimeout());
            return Optional.of(Watched.hook(task, key, w.result().message(), timeout, run.now()));
        }
        return waitForResources ? Optional.of(Watched.resource(task, key, w.result().message(), w.live()))
                : Optional.empty();
    }

    /**
     * BeforeHookCreation: the hook objects of earlier syncs go first (the one with the hook's name, or for a generated
     * name the earlier runs of the same hook), and the step waits until they are gone.
     */
    private StepOutcome deleteOldHooks(SyncStep step, Progress p) {
        List<Watched> gone = new ArrayList<>();
        for (SyncTask task : step.applyTasks()) {
            if (!task.deleteBeforeCreation() || run.terminated()) {
                continue;
            }
            for (KubeObject old : task.leftovers()) {
                try {
                    writer.deleteHook(task, old.key());
                    run.progress().info(task.phase() + " hook " + old.key()
                            + " from an earlier sync deleted (BeforeHookCreation)");
                    gone.add(Watched.deletion(task, old.key()));
                } catch (ClusterException e) {
                    p.record(List.of(new Written(task, TaskWriter.result(task, task.key(),
                            ResourceResultStatus.SyncFailed, OperationPhase.Failed, "failed to delete the hook "
                                    + old.key() + " left from an earlier sync: " + e.getMessage()), null, e)));
                    return p.failure(List.of());
                }
            }
        }
        return gone.isEmpty() ? StepOutcome.completed(p.state) : waiter.await(gone, p.state);
    }

    private List<Written> parallel(List<SyncTask> tasks, Function<SyncTask, Written> work) {
        return BoundedParallel.map(tasks, work, run.context().executor(), run.context().parallelism(),
                run::terminated);
    }

    /**
     * The results of the step so far and the failed writes. Failures that share their reason with others are not
     * logged one by one: the step's failure message says it once for all of them ({@link FailureSummary}).
     */
    private final class Progress {
        private OperationState state;
        private final List<TaskResult> failures = new ArrayList<>();

        Progress(OperationState state) {
            this.state = state;
        }

        void record(List<Written> written) {
            List<TaskResult> grouped = FailureSummary.grouped(written.stream().map(Written::result)
                    .filter(TaskResult::failed).toList());
            Map<OperationState.Id, TaskResult> results = new LinkedHashMap<>();
            for (Written w : written) {
                results.put(OperationState.Id.of(w.task()), w.result());
                if (!grouped.contains(w.result())) {
                    run.progress().written(w.result());
                }
                if (w.result().failed()) {
                    failures.add(w.result());
                }
            }
            state = state.withAll(results);
        }

        boolean failed() {
            return !failures.isEmpty();
        }

        StepOutcome failure(List<Watched> started) {
            return StepOutcome.failed(state, "one or more objects failed to apply, reason: "
                    + FailureSummary.describe(failures) + StepWaiter.leftRunning(started));
        }
    }
}
