package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.PlanProblem;
import io.jenkins.plugins.gitops.engine.sync.SyncPlan;
import io.jenkins.plugins.gitops.engine.sync.SyncStep;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs a {@link SyncPlan} against a cluster: the entry point of this package (gitops-engine {@code syncContext.Sync},
 * driven to the end instead of being called again and again by a controller). See the package documentation for the
 * execution model. Stateless: one instance may run many operations, also concurrently.
 */
public final class SyncOperation {

    static final String SUCCEEDED = "successfully synced (all tasks run)";
    static final String DRY_RUN_FAILED = "one or more objects failed to apply (dry run)";

    /**
     * Runs one operation to its end and returns its result. Never throws for cluster problems: they are task results
     * and a Failed phase; anything unexpected ends the operation with phase Error.
     */
    public OperationResult run(SyncPlan plan, SyncContext context) {
        context.fence().lost().ifPresent(context.handle()::stop);
        context.handle().begin();
        RunContext run = RunContext.start(context, plan.appName());
        Attempt attempt = new Attempt(run);
        OperationResult result;
        try {
            result = attempt.execute(plan);
        } catch (RuntimeException e) {
            result = attempt.end(OperationPhase.Error, "sync failed unexpectedly: " + e);
        }
        if (!plan.dryRun()) {
            HookCleanup.releaseAll(run, result.results());
        }
        run.progress().info(result.phase() + ": " + result.message());
        context.handle().finish(result.phase());
        return result;
    }

    /**
     * Runs an operation and, while it fails, runs it again as {@code retry} allows, sleeping the backoff in between
     * (Argo CD's {@code syncPolicy.retry}). Each attempt is planned afresh by {@code planner}, so it sees the cluster
     * as the previous attempt left it. The returned result is the last attempt's; its message says how often it was
     * retried.
     */
    public OperationResult run(Supplier<SyncPlan> planner, SyncContext context, RetryPolicy retry) {
        int retries = 0;
        while (true) {
            SyncPlan plan = planner.get();
            OperationResult result = run(plan, context);
            boolean again = !result.succeeded() && !plan.dryRun() && !context.handle().isTerminated()
                    && retry.allowsRetry(retries);
            if (!again) {
                return retries == 0 ? result : result.withMessage(result.message() + " (retried " + retries
                        + (retries == 1 ? " time)" : " times)"));
            }
            retries++;
            var log = context.log().withPrefix(plan.appName() + ": ");
            log.info("retrying in " + HookTimeout.format(retry.backoff(retries)) + " (retry " + retries
                    + (retry.limit() < 0 ? "" : " of " + retry.limit()) + ")");
            try {
                context.sleeper().sleep(retry.backoff(retries));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result.withMessage(result.message() + " (retry interrupted)");
            }
            if (context.handle().isTerminated()) {
                return result.withMessage(result.message() + "; retries stopped: terminated by "
                        + context.handle().terminatedBy());
            }
        }
    }

    /** One run of one plan: the phases of the operation, each a small method. */
    private static final class Attempt {
        private final RunContext run;
        private final TaskWriter writer;
        private OperationState state = OperationState.EMPTY;

        Attempt(RunContext run) {
            this.run = run;
            ApplyOptions base = run.context().applyOptions();
            this.writer = new TaskWriter(run.applier(), base);
        }

        OperationResult execute(SyncPlan plan) {
            if (!plan.valid()) {
                return end(OperationPhase.Failed, "sync refused: " + plan.problems().stream()
                        .map(PlanProblem::message).collect(Collectors.joining("; ")));
            }
            plan.warnings().forEach(run.progress()::warn);
            if (!plan.dryRun() && run.terminated()) {
                return end(OperationPhase.Failed, run.terminationMessage());
            }
            state = new DryRunPass(run, writer).run(plan, state, plan.dryRun());
            if (!plan.dryRun() && run.terminated()) {
                // stopped during the dry run (the fence refused one: the lease was lost); nothing was written
                return end(OperationPhase.Failed, run.terminationMessage());
            }
            if (!state.failures().isEmpty()) {
                return end(OperationPhase.Failed, DRY_RUN_FAILED + ", reason: "
                        + FailureSummary.describe(state.failures()));
            }
            if (plan.dryRun()) {
                return end(OperationPhase.Succeeded, "dry run succeeded: " + plan.tasks().list().size()
                        + " task(s) checked by the server, nothing was changed");
            }
            fenceCheck();
            if (run.terminated()) {
                return end(OperationPhase.Failed, run.terminationMessage());
            }
            return syncSteps(plan);
        }

        private OperationResult syncSteps(SyncPlan plan) {
            WaveRunner runner = new WaveRunner(run, writer);
            List<SyncStep> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                fenceCheck(); // between waves: a controller that lost its shard's lease starts no further wave
                if (run.terminated()) {
                    return end(OperationPhase.Failed, run.terminationMessage());
                }
                StepOutcome outcome = runner.run(steps.get(i), state, i < steps.size() - 1);
                state = outcome.state();
                switch (outcome.verdict()) {
                    case TERMINATED:
                        return end(OperationPhase.Failed, outcome.message());
                    case FAILED:
                        if (run.context().fence().lost().isPresent()) {
                            // a write was refused by the fence: no SyncFail hooks either, they would be writes too
                            return end(OperationPhase.Failed, run.terminationMessage());
                        }
                        return syncFail(plan.syncFailStep(), outcome.message());
                    default:
                        break;
                }
            }
            return end(OperationPhase.Succeeded, SUCCEEDED);
        }

        private void fenceCheck() {
            run.context().fence().lost().ifPresent(run.context().handle()::stop);
        }

        /** gitops-engine {@code executeSyncFailPhase}: run the SyncFail hooks, then fail with the original reason. */
        private OperationResult syncFail(Optional<SyncStep> failStep, String reason) {
            if (failStep.isEmpty() || run.terminated()) {
                return end(OperationPhase.Failed, reason);
            }
            run.progress().warn("running SyncFail hooks: " + reason);
            RunContext failRun = run.withoutDeadline();
            StepOutcome outcome = new WaveRunner(failRun, writer).run(failStep.get(), state, false);
            state = outcome.state();
            String more = switch (outcome.verdict()) {
                case COMPLETED -> "";
                case FAILED -> "\none or more SyncFail hooks failed: " + outcome.message();
                case TERMINATED -> "\nSyncFail hooks: " + outcome.message();
            };
            return end(OperationPhase.Failed, reason + more);
        }

        /** Ends the attempt; the message names the fields taken from other field managers, if any were. */
        OperationResult end(OperationPhase phase, String message) {
            List<String> taken = writer.takeovers();
            String full = taken.isEmpty() ? message : message + "; fields taken from other field managers: "
                    + String.join("; ", taken);
            return state.finish(phase, full, run.startedAt(), run.now());
        }
    }
}
