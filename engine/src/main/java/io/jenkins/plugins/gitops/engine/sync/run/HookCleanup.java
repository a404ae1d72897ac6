package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import io.jenkins.plugins.gitops.engine.sync.hook.HookFinalizer;
import java.util.List;
import java.util.Map;

/**
 * Releases a completed hook (removes the hook finalizer, {@link HookFinalizer}) and deletes it when its delete
 * policy asks for it: {@code HookSucceeded} after it succeeded,
 * {@code HookFailed} after it failed (or timed out). A failed delete is reported in the hook's message and the log,
 * and does not fail the operation (the hook itself did its work).
 */
final class HookCleanup {

    private static final Map<OperationPhase, HookDeletePolicy> POLICY_BY_OUTCOME = Map.of(
            OperationPhase.Succeeded, HookDeletePolicy.HookSucceeded,
            OperationPhase.Failed, HookDeletePolicy.HookFailed);

    private final RunContext run;
    private final TaskWriter writer;

    HookCleanup(RunContext run, TaskWriter writer) {
        this.run = run;
        this.writer = writer;
    }

    OperationState afterCompletion(Watched hook, OperationPhase outcome, OperationState state) {
        TaskResult result = state.result(hook.id()).orElseThrow();
        // the result is read: the hook finalizer goes, so whatever deletes the hook (its delete policy below, a TTL
        // controller, a person) can finish (gitops-engine removeHookFinalizer on completed hooks)
        try {
            writer.releaseHook(hook.key());
        } catch (ClusterException e) {
            run.progress().progressed(result, "could not remove the hook finalizer " + HookFinalizer.NAME + ": "
                    + e.getMessage(), true);
            state = state.with(hook.id(), result.withMessage(result.message() + "; could not remove the hook "
                    + "finalizer: " + e.getMessage()));
            result = state.result(hook.id()).orElseThrow();
        }
        HookDeletePolicy policy = POLICY_BY_OUTCOME.get(outcome);
        if (policy == null || !hook.task().hasDeletePolicy(policy)) {
            return state;
        }
        try {
            writer.deleteHook(hook.task(), hook.key());
            run.progress().progressed(result, "deleted (" + policy + ")", false);
            return state;
        } catch (ClusterException e) {
            run.progress().progressed(result, "could not be deleted (" + policy + "): " + e.getMessage(), true);
            return state.with(hook.id(), result.withMessage(result.message() + "; could not be deleted ("
                    + policy + "): " + e.getMessage()));
        }
    }

    /**
     * The operation ended (however it ended): removes the hook finalizer from every hook it wrote that may still
     * carry it - hooks left running by a termination, hooks of a wave that failed before they were read, hooks whose
     * release failed earlier. Failures are logged, never fail the operation (gitops-engine removes the finalizers of
     * completed hooks in Terminate and again at the next sync).
     */
    static void releaseAll(RunContext run, List<TaskResult> results) {
        for (TaskResult r : results) {
            if (r.hookType() == null || r.key().name().isEmpty()) {
                continue;
            }
            try {
                run.applier().removeFinalizer(r.key(), HookFinalizer.NAME);
            } catch (ClusterException e) {
                run.progress().warn("could not remove the hook finalizer " + HookFinalizer.NAME + " from "
                        + r.key() + ": " + e.getMessage() + " (remove it by hand: kubectl patch --type=json -p "
                        + "'[{\"op\":\"remove\",\"path\":\"/metadata/finalizers/<index>\"}]')");
            }
        }
    }
}
