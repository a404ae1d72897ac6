package io.jenkins.plugins.gitops.engine.sync;

/** The outcome of one task of a sync operation (gitops-engine {@code common.ResultCode}). */
public enum ResourceResultStatus {
    /** The object was applied (or its dry run passed). */
    Synced,
    /** Applying or deleting the object failed. */
    SyncFailed,
    /** The object was deleted because it is no longer in Git. */
    Pruned,
    /** The object needs pruning but was left alone; the result message says why. */
    PruneSkipped;

    /** Whether this outcome lets the operation go on. */
    public boolean successful() {
        return this != SyncFailed;
    }
}
