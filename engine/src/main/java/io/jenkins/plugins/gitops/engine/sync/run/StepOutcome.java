package io.jenkins.plugins.gitops.engine.sync.run;

/**
 * How a step (or waiting for it) ended, with the results so far.
 *
 * @param message why it failed or was terminated; empty when completed
 */
record StepOutcome(OperationState state, Verdict verdict, String message) {

    enum Verdict {
        /** Everything written, healthy and completed: the next step may start. */
        COMPLETED,
        /** A write failed, a resource became Degraded, a hook failed or something timed out. */
        FAILED,
        /** Someone terminated the operation. */
        TERMINATED
    }

    static StepOutcome completed(OperationState state) {
        return new StepOutcome(state, Verdict.COMPLETED, "");
    }

    static StepOutcome failed(OperationState state, String message) {
        return new StepOutcome(state, Verdict.FAILED, message);
    }

    static StepOutcome terminated(OperationState state, String message) {
        return new StepOutcome(state, Verdict.TERMINATED, message);
    }
}
