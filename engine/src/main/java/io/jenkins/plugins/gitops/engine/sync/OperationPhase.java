package io.jenkins.plugins.gitops.engine.sync;

/**
 * The state of a sync operation, and of each hook or resource inside it (gitops-engine {@code common.OperationPhase}).
 */
public enum OperationPhase {
    Running,
    Terminating,
    Failed,
    Error,
    Succeeded;

    /** Failed, Error and Succeeded are final. */
    public boolean completed() {
        return this == Failed || this == Error || this == Succeeded;
    }

    public boolean running() {
        return this == Running;
    }

    public boolean successful() {
        return this == Succeeded;
    }

    public boolean failed() {
        return this == Failed;
    }
}
