package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import java.util.Map;

/**
 * Deletes a completed hook when its delete policy asks for it: {@code HookSucceeded} after it succeeded,
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
        HookDeletePolicy policy = POLICY_BY_OUTCOME.get(outcome);
        if (policy == null || !hook.task().hasDeletePolicy(policy)) {
            return state;
        }
        TaskResult result = state.result(hook.id()).orElseThrow();
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
}
